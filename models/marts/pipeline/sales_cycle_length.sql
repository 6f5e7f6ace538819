-- Average sales cycle length per close month: mean whole days from the date of
-- created_at to close_date over the won deals closed in the month.
with

monthly as (

    select * from {{ ref('int_opportunities_monthly') }}

)

select
    month,
    won_deals,
    {{ safe_divide('won_cycle_days_sum', 'won_deals') }} as avg_sales_cycle_days
from monthly
