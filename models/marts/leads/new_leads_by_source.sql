-- Breakdown of new_leads: leads created per month and source (every contract
-- source in every month of the spine, 0 when none; a lead without source is
-- counted under 'unknown').
with

months as (

    select * from {{ ref('int_months') }}

),

leads as (

    select * from {{ ref('int_leads_enriched') }}

),

sources as (

    {{ leads_sources_select('leads') }}

),

counted as (

    select
        created_month as month,
        {{ leads_source_key('source') }} as source,
        count(*) as leads
    from leads
    group by created_month, {{ leads_source_key('source') }}

)

select
    months.month,
    sources.source,
    coalesce(counted.leads, 0) as leads
from months
cross join sources
left join counted
    on
        months.month = counted.month
        and sources.source = counted.source
