-- Units sold (sum of quantity of completed order lines) per month.
with

sales_monthly as (

    select * from {{ ref('int_sales_monthly') }}

)

select
    month,
    units
from sales_monthly
