-- One row per opportunity with what its activities say about it: the first
-- activity carrying its opportunity_id or its lead_id (any type, any
-- direction), the start of the deal (the earlier of created_at and that first
-- activity), whole days from the start to close_date, and its demo activities
-- (activity_type demo carrying its opportunity_id, any time).
with

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}

),

activities as (

    select * from {{ ref('int_known__activities') }}

),

by_opportunity as (

    select
        opportunity_id,
        min(occurred_at) as first_activity_at,
        sum(case when activity_type = 'demo' then 1 else 0 end) as demo_activities
    from activities
    where opportunity_id is not null
    group by opportunity_id

),

by_lead as (

    select
        lead_id,
        min(occurred_at) as first_activity_at
    from activities
    where lead_id is not null
    group by lead_id

),

combined as (

    select
        opportunities.opportunity_id,
        opportunities.created_at,
        opportunities.close_date,
        coalesce(by_opportunity.demo_activities, 0) as demo_activities,
        -- least() skips nulls on every supported engine
        least(by_opportunity.first_activity_at, by_lead.first_activity_at) as first_activity_at
    from opportunities
    left join by_opportunity
        on opportunities.opportunity_id = by_opportunity.opportunity_id
    left join by_lead
        on opportunities.lead_id = by_lead.lead_id

),

started as (

    select
        *,
        least(created_at, first_activity_at) as started_at
    from combined

)

select
    opportunity_id,
    first_activity_at,
    started_at,
    cast(started_at as date) as started_on,
    case
        when close_date is not null
            then {{ dbt.datediff('cast(started_at as date)', 'close_date', 'day') }}
    end as days_from_start_to_close,
    demo_activities,
    demo_activities > 0 as has_demo
from started
