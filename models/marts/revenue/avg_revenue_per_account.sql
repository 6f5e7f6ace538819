-- Average revenue per account: revenue / accounts with a completed order, per month.
with

sales_monthly as (

    select * from {{ ref('int_sales_monthly') }}

)

select
    month,
    revenue_amount,
    ordering_accounts,
    {{ safe_divide('revenue_amount', 'ordering_accounts') }} as revenue_per_account_amount
from sales_monthly
