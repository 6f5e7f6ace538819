-- conversion_by_source: per lead source (every contract source; 'unknown' for
-- leads without one), leads, those whose converted account is a customer, rate.
with

leads as (

    select * from {{ ref('int_leads_enriched') }}

),

sources as (

    {{ leads_sources_select('leads') }}

),

counted as (

    select
        {{ leads_source_key('source') }} as source,
        count(*) as leads,
        count(case when is_customer then 1 end) as customer_leads
    from leads
    group by {{ leads_source_key('source') }}

),

by_source as (

    select
        sources.source,
        coalesce(counted.leads, 0) as leads,
        coalesce(counted.customer_leads, 0) as customer_leads
    from sources
    left join counted
        on sources.source = counted.source

)

select
    source,
    leads,
    customer_leads,
    {{ safe_pct('customer_leads', 'leads') }} as conversion_rate_pct
from by_source
