-- Average days to close per close month: mean whole days from the start of
-- each won deal (the earlier of created_at and its first activity) to close_date.
with

monthly as (

    select * from {{ ref('int_opportunities_monthly') }}

)

select
    month,
    won_deals,
    {{ safe_divide('won_days_from_start_sum', 'won_deals') }} as avg_days_to_close
from monthly
