-- Revenue per month and product: units, revenue, share of the month's revenue
-- and gross margin (revenue - quantity x unit_cost). Every product appears in
-- every month of the spine (0 when it sold nothing).
with

months as (

    select * from {{ ref('int_months') }}

),

sales_monthly as (

    select * from {{ ref('int_sales_monthly') }}

),

order_lines as (

    select * from {{ ref('int_order_lines_completed') }}

),

products as (

    select * from {{ ref('stg_crm__products') }}

),

sold as (

    select
        month,
        product_id,
        sum(quantity) as units,
        sum(revenue_amount) as revenue_amount,
        -- null when a line's cost could not be converted (sum would hide it)
        case
            when count(cost_amount) = count(*) then sum(cost_amount)
        end as cost_amount
    from order_lines
    group by month, product_id

),

product_months as (

    select
        months.month,
        products.product_id
    from months
    cross join products

    union

    select
        sold.month,
        sold.product_id
    from sold
    inner join months
        on sold.month = months.month

),

measured as (

    select
        product_months.month,
        product_months.product_id,
        products.product_name,
        products.category,
        coalesce(sold.units, 0) as units,
        coalesce(sold.revenue_amount, 0) as revenue_amount,
        case when sold.product_id is null then 0 else sold.cost_amount end as cost_amount,
        sales_monthly.revenue_amount as month_revenue_amount
    from product_months
    left join sold
        on
            product_months.month = sold.month
            and product_months.product_id = sold.product_id
    left join products
        on product_months.product_id = products.product_id
    left join sales_monthly
        on product_months.month = sales_monthly.month

)

select
    month,
    product_id,
    product_name,
    category,
    units,
    revenue_amount,
    {{ safe_pct('revenue_amount', 'month_revenue_amount') }} as share_of_month_revenue_pct,
    cost_amount,
    revenue_amount - cost_amount as gross_margin_amount,
    {{ safe_pct('revenue_amount - cost_amount', 'revenue_amount') }} as gross_margin_pct
from measured
