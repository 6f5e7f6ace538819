-- lifecycle_stage_distribution: per lifecycle stage (all six, 0 when none),
-- leads whose latest stage it is and leads that ever reached it, each with its
-- share of all leads (int_leads_enriched: leads created on or before the as-of
-- date; stage history on or before it).
with

leads as (

    select * from {{ ref('int_leads_enriched') }}

),

stages as (

    {{ leads_lifecycle_stages_select() }}

),

totals as (

    select count(*) as total_leads
    from leads

),

latest_counts as (

    select
        latest_stage as stage,
        count(*) as latest_stage_leads
    from leads
    group by latest_stage

),

reached_counts as (

    select
        stages.stage,
        count(
            case
                when stages.stage = 'lead' and leads.reached_lead then 1
                when stages.stage = 'mql' and leads.reached_mql then 1
                when stages.stage = 'sql' and leads.reached_sql then 1
                when stages.stage = 'opportunity' and leads.reached_opportunity then 1
                when stages.stage = 'customer' and leads.reached_customer then 1
                when stages.stage = 'disqualified' and leads.reached_disqualified then 1
            end
        ) as reached_leads
    from stages
    cross join leads
    group by stages.stage

),

distribution as (

    select
        stages.stage,
        stages.stage_order,
        coalesce(latest_counts.latest_stage_leads, 0) as latest_stage_leads,
        coalesce(reached_counts.reached_leads, 0) as reached_leads,
        totals.total_leads
    from stages
    cross join totals
    left join latest_counts
        on stages.stage = latest_counts.stage
    left join reached_counts
        on stages.stage = reached_counts.stage

)

select
    stage,
    stage_order,
    latest_stage_leads,
    {{ safe_pct('latest_stage_leads', 'total_leads') }} as latest_stage_pct,
    reached_leads,
    {{ safe_pct('reached_leads', 'total_leads') }} as reached_pct,
    total_leads
from distribution
