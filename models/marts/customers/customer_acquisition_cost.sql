-- CAC: sales and marketing expenses of the month (all categories) / new
-- customers of the month. Every month of the spine; NULL without new customers.
with

unit_economics as (

    select * from {{ ref('int_customer_unit_economics_monthly') }}

)

select
    month,
    expenses_amount as sales_marketing_expenses_amount,
    new_customers,
    cac_amount
from unit_economics
