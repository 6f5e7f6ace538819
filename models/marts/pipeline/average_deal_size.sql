-- Average deal size per close month: won amount / won count.
with

monthly as (

    select * from {{ ref('int_opportunities_monthly') }}

)

select
    month,
    won_deals,
    won_amount,
    {{ safe_divide('won_amount', 'won_deals') }} as average_deal_size_amount
from monthly
