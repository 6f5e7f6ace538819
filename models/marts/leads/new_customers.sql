-- new_customers: accounts whose acquisition date falls in the month, the shared
-- count of int_new_customers_monthly.
with

new_customers_monthly as (

    select * from {{ ref('int_new_customers_monthly') }}

)

select
    month,
    new_customers
from new_customers_monthly
