-- Completed orders per month.
with

sales_monthly as (

    select * from {{ ref('int_sales_monthly') }}

)

select
    month,
    order_count
from sales_monthly
