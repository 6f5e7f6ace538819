-- Sales cycle length including lost deals, per close month: mean whole days
-- from the date of created_at to close_date over won and lost deals.
with

monthly as (

    select * from {{ ref('int_opportunities_monthly') }}

)

select
    month,
    closed_deals,
    {{ safe_divide('closed_cycle_days_sum', 'closed_deals') }} as avg_sales_cycle_days
from monthly
