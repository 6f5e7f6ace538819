-- Win/loss ratio per close month: won / lost.
with

monthly as (

    select * from {{ ref('int_opportunities_monthly') }}

)

select
    month,
    won_deals,
    lost_deals,
    {{ safe_divide('won_deals', 'lost_deals') }} as win_loss_ratio
from monthly
