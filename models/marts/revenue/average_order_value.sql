-- Average order value: revenue / completed orders, per month (null without orders).
with

sales_monthly as (

    select * from {{ ref('int_sales_monthly') }}

)

select
    month,
    revenue_amount,
    order_count,
    {{ safe_divide('revenue_amount', 'order_count') }} as average_order_value_amount
from sales_monthly
