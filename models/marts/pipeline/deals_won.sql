-- Deals won per close month (per rep: deals_won_by_rep).
with

monthly as (

    select * from {{ ref('int_opportunities_monthly') }}

)

select
    month,
    won_deals as deals_won,
    won_amount
from monthly
