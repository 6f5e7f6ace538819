-- Year-over-year sales growth: (revenue of M - revenue of M-12) / revenue of M-12 * 100.
with

sales_monthly as (

    select * from {{ ref('int_sales_monthly') }}

),

compared as (

    select
        current_month.month,
        current_month.revenue_amount,
        -- null when M-12 is before the series
        year_ago.revenue_amount as year_ago_revenue_amount
    from sales_monthly as current_month
    left join sales_monthly as year_ago
        on cast({{ dbt.dateadd('month', -12, 'current_month.month') }} as date) = year_ago.month

)

select
    month,
    revenue_amount,
    year_ago_revenue_amount,
    {{ safe_pct('revenue_amount - year_ago_revenue_amount', 'year_ago_revenue_amount') }} as growth_pct
from compared
