-- Competitor price index per month, product and competitor, where we sold the
-- product in the month and the competitor was observed in the month:
-- our price (revenue / units of the product's completed order lines) / the mean
-- of the competitor's observed prices in the month * 100.
with

months as (

    select * from {{ ref('int_months') }}

),

order_lines as (

    select * from {{ ref('int_order_lines_completed') }}

),

competitor_prices as (

    select * from {{ ref('int_known__competitor_prices') }}

),

ours as (

    select
        month,
        product_id,
        sum(quantity) as units,
        sum(revenue_amount) as revenue_amount,
        -- list price converted at each order's date, weighted by units
        sum(list_price_amount * quantity) / sum(quantity) as list_price_amount
    from order_lines
    group by month, product_id

),

theirs as (

    select
        {{ month_of('observed_on') }} as month,
        product_id,
        competitor_name,
        count(*) as observations,
        avg(price_reporting) as competitor_price_amount
    from competitor_prices
    group by {{ month_of('observed_on') }}, product_id, competitor_name

),

compared as (

    select
        ours.month,
        ours.product_id,
        theirs.competitor_name,
        ours.units,
        ours.revenue_amount,
        {{ safe_divide('ours.revenue_amount', 'ours.units') }} as our_price_amount,
        ours.list_price_amount,
        theirs.observations,
        theirs.competitor_price_amount
    from ours
    inner join theirs
        on
            ours.month = theirs.month
            and ours.product_id = theirs.product_id
    inner join months
        on ours.month = months.month

)

select
    month,
    product_id,
    competitor_name,
    units,
    revenue_amount,
    our_price_amount,
    list_price_amount,
    observations,
    competitor_price_amount,
    {{ safe_pct('our_price_amount', 'competitor_price_amount') }} as price_index,
    {{ safe_pct('list_price_amount', 'competitor_price_amount') }} as list_price_index
from compared
