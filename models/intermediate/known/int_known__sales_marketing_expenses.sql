-- Expenses known at the as-of date: expense months starting on or before it
-- (the as-of month's expenses are known from its first day).
with

sales_marketing_expenses as (

    select * from {{ ref('stg_crm__sales_marketing_expenses') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

)

select sales_marketing_expenses.*
from sales_marketing_expenses
cross join as_of
where sales_marketing_expenses.expense_month <= as_of.known_through_date
