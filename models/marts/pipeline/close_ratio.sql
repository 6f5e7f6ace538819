-- Close ratio per month: deals won in the month / opportunities open at any
-- time in the month * 100.
with

monthly as (

    select * from {{ ref('int_opportunities_monthly') }}

)

select
    month,
    won_deals,
    opportunities_open_in_month,
    {{ safe_pct('won_deals', 'opportunities_open_in_month') }} as close_ratio_pct
from monthly
