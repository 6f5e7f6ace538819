-- Revenue of completed orders per month (0 in months without orders).
with

sales_monthly as (

    select * from {{ ref('int_sales_monthly') }}

)

select
    month,
    revenue_amount
from sales_monthly
