-- Sales per month and location: units, revenue and share of the month's revenue.
-- Every location appears in every month of the spine (0 when it sold nothing);
-- completed orders without a location get a row with location_id null.
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

locations as (

    select * from {{ ref('stg_crm__locations') }}

),

sold as (

    select
        month,
        location_id,
        sum(quantity) as units,
        sum(revenue_amount) as revenue_amount
    from order_lines
    group by month, location_id

),

location_months as (

    select
        months.month,
        locations.location_id
    from months
    cross join locations

    union

    select
        sold.month,
        sold.location_id
    from sold
    inner join months
        on sold.month = months.month

)

select
    location_months.month,
    location_months.location_id,
    locations.location_name,
    locations.location_type,
    locations.region,
    coalesce(sold.units, 0) as units,
    coalesce(sold.revenue_amount, 0) as revenue_amount,
    {{ safe_pct('coalesce(sold.revenue_amount, 0)', 'sales_monthly.revenue_amount') }} as share_of_month_revenue_pct
from location_months
left join sold
    on
        location_months.month = sold.month
        and location_months.location_id is not distinct from sold.location_id
left join locations
    on location_months.location_id = locations.location_id
left join sales_monthly
    on location_months.month = sales_monthly.month
