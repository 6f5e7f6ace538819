-- Opportunities created per created_at month and owner rep (months of the
-- spine; only month and rep pairs with at least one opportunity).
with

months as (

    select * from {{ ref('int_months') }}

),

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}

)

select
    months.month,
    opportunities.owner_rep_id as rep_id,
    count(*) as opportunities_created
from months
inner join opportunities
    on months.month = opportunities.created_month
group by months.month, opportunities.owner_rep_id
