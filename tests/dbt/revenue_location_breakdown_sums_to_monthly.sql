-- Revenue by location sums to revenue by month (sales_by_location vs sales_revenue),
-- tolerance 0.01. Returns the months that differ.
with

breakdown as (

    select * from {{ ref('sales_by_location') }}

),

monthly as (

    select * from {{ ref('sales_revenue') }}

),

breakdown_totals as (

    select
        month,
        sum(revenue_amount) as revenue_amount
    from breakdown
    group by month

)

select
    monthly.month,
    monthly.revenue_amount as monthly_revenue_amount,
    breakdown_totals.revenue_amount as breakdown_revenue_amount
from monthly
full outer join breakdown_totals
    on monthly.month = breakdown_totals.month
where abs(coalesce(monthly.revenue_amount, 0) - coalesce(breakdown_totals.revenue_amount, 0)) > 0.01
