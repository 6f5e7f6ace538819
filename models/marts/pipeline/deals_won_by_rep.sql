-- Deals won per close month and owner rep (months of the spine; only month and
-- rep pairs with at least one won deal).
with

months as (

    select * from {{ ref('int_months') }}

),

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}
    where is_won

)

select
    months.month,
    opportunities.owner_rep_id as rep_id,
    count(*) as deals_won,
    sum(opportunities.amount) as won_amount
from months
inner join opportunities
    on months.month = opportunities.close_month
group by months.month, opportunities.owner_rep_id
