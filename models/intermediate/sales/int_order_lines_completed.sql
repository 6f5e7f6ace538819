-- Lines of completed orders (the catalog's revenue rule), in the reporting
-- currency at the order's ordered_at rate. Product list prices and unit costs
-- are in the product's currency and convert at the same date.
with

orders as (

    select * from {{ ref('int_known__orders') }}
    where status = 'completed'

),

order_lines as (

    select * from {{ ref('int_known__order_lines') }}

),

products as (

    select * from {{ ref('stg_crm__products') }}

),

lines as (

    select
        order_lines.order_id,
        order_lines.line_number,
        order_lines.product_id,
        orders.account_id,
        orders.rep_id,
        orders.location_id,
        orders.ordered_at,
        cast(orders.ordered_at as date) as ordered_on,
        {{ month_of('orders.ordered_at') }} as month,
        order_lines.quantity,
        order_lines.unit_price_reporting,
        order_lines.quantity * order_lines.unit_price_reporting
        - order_lines.discount_amount_reporting as revenue_amount,
        products.currency as product_currency,
        products.list_price,
        products.unit_cost
    from order_lines
    inner join orders
        on order_lines.order_id = orders.order_id
    left join products
        on order_lines.product_id = products.product_id

),

product_rates as (

    -- the rate of each product currency other than the reporting one on each
    -- day with a completed order: an ASOF join over these few pairs, then an
    -- equality join, instead of an ASOF join over every line (2 million lines
    -- at scale 100: 1.1 s)
    select
        pairs.currency,
        pairs.ordered_on,
        product_fx.rate
    from (
        select distinct
            foreign_products.currency,
            cast(orders.ordered_at as date) as ordered_on
        from orders
        cross join (
            select distinct currency from products
            where currency <> '{{ var("reporting_currency") }}'
        ) as foreign_products
    ) as pairs
    {{ fx_rate_join('product_fx', 'pairs.currency', 'pairs.ordered_on') }}

),

converted as (

    select
        lines.*,
        case
            when lines.product_currency = '{{ var("reporting_currency") }}' then 1
            else product_rates.rate
        end as product_fx_rate
    from lines
    left join product_rates
        on
            lines.product_currency = product_rates.currency
            and lines.ordered_on = product_rates.ordered_on

)

select
    order_id,
    line_number,
    product_id,
    account_id,
    rep_id,
    location_id,
    ordered_at,
    ordered_on,
    month,
    quantity,
    unit_price_reporting as unit_price_amount,
    revenue_amount,
    {{ convert_amount('list_price', 'product_fx_rate') }} as list_price_amount,
    {{ convert_amount('quantity * unit_cost', 'product_fx_rate') }} as cost_amount
from converted
