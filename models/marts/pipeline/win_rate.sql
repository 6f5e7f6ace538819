-- Opportunity win rate per close month: won / (won + lost) * 100.
with

monthly as (

    select * from {{ ref('int_opportunities_monthly') }}

)

select
    month,
    won_deals,
    lost_deals,
    closed_deals,
    {{ safe_pct('won_deals', 'closed_deals') }} as win_rate_pct
from monthly
