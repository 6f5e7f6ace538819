-- Month-over-month sales growth: (revenue of M - revenue of M-1) / revenue of M-1 * 100.
with

sales_monthly as (

    select * from {{ ref('int_sales_monthly') }}

),

compared as (

    select
        current_month.month,
        current_month.revenue_amount,
        -- null for the first month of the series (no earlier month)
        previous_month.revenue_amount as previous_month_revenue_amount
    from sales_monthly as current_month
    left join sales_monthly as previous_month
        on cast({{ dbt.dateadd('month', -1, 'current_month.month') }} as date) = previous_month.month

)

select
    month,
    revenue_amount,
    previous_month_revenue_amount,
    {{ safe_pct('revenue_amount - previous_month_revenue_amount', 'previous_month_revenue_amount') }} as growth_pct
from compared
