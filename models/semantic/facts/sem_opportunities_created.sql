-- Opportunities created in a month of the spine, one row per opportunity: the
-- row-grain fact of the semantic layer's opportunities_created (by created_at's
-- UTC date), the opportunities int_opportunities_monthly counts per created month.

with

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}

),

months as (

    select * from {{ ref('int_months') }}

)

select
    opportunities.opportunity_id,
    opportunities.account_id,
    opportunities.owner_rep_id as rep_id,
    opportunities.lead_id,
    opportunities.created_on,
    opportunities.amount
from opportunities
inner join months
    on opportunities.created_month = months.month
