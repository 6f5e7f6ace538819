-- One row per lead known at the as-of date (created on or before it): its
-- cohort month, its lifecycle (latest stage and every stage ever reached, from
-- the known lead_stage_history entries) and whether its converted account is a
-- customer (in int_customer_acquisitions, which holds only acquisitions on or
-- before the as-of date). Serves every lead conversion KPI.
with

leads as (

    select * from {{ ref('int_known__leads') }}

),

stage_history as (

    select * from {{ ref('int_known__lead_stage_history') }}

),

acquisitions as (

    select * from {{ ref('int_customer_acquisitions') }}

),

stages as (

    {{ leads_lifecycle_stages_select() }}

),

history_to_date as (

    select
        stage_history.lead_id,
        stage_history.stage,
        stage_history.entered_at,
        stages.tie_rank
    from stage_history
    left join stages
        on stage_history.stage = stages.stage

),

reached as (

    -- a stage is reached only with an entry in it: a skipped stage is not
    select
        lead_id,
        max(entered_at) as latest_stage_entered_at,
        max(case when stage = 'lead' then 1 else 0 end) = 1 as reached_lead,
        max(case when stage = 'mql' then 1 else 0 end) = 1 as reached_mql,
        max(case when stage = 'sql' then 1 else 0 end) = 1 as reached_sql,
        max(case when stage = 'opportunity' then 1 else 0 end) = 1 as reached_opportunity,
        max(case when stage = 'customer' then 1 else 0 end) = 1 as reached_customer,
        max(case when stage = 'disqualified' then 1 else 0 end) = 1 as reached_disqualified
    from history_to_date
    group by lead_id

),

latest as (

    -- the latest entry; two entries at the same entered_at: the stage further
    -- along the funnel (higher tie_rank, customer above disqualified) wins;
    -- every stage has a tie_rank (the stages are the contract's enum). An
    -- aggregate over the entries at the latest entered_at: a window ranking
    -- every entry of every lead took 3.5 s at scale 100, this 3.2 s
    select
        history_to_date.lead_id,
        max_by(history_to_date.stage, history_to_date.tie_rank) as latest_stage,
        reached.latest_stage_entered_at
    from history_to_date
    inner join reached
        on
            history_to_date.lead_id = reached.lead_id
            and history_to_date.entered_at = reached.latest_stage_entered_at
    group by history_to_date.lead_id, reached.latest_stage_entered_at

)

select
    leads.lead_id,
    leads.created_at,
    cast(leads.created_at as date) as created_on,
    {{ month_of('leads.created_at') }} as created_month,
    leads.source,
    leads.origin,
    leads.campaign_id,
    leads.owner_rep_id,
    leads.converted_account_id,
    leads.converted_at,
    latest.lead_id is not null as has_stage_history,
    -- a lead without stage history (as of the as-of date) is at stage 'lead'
    coalesce(latest.latest_stage, 'lead') as latest_stage,
    latest.latest_stage_entered_at,
    coalesce(reached.reached_lead, true) as reached_lead,
    coalesce(reached.reached_mql, false) as reached_mql,
    coalesce(reached.reached_sql, false) as reached_sql,
    coalesce(reached.reached_opportunity, false) as reached_opportunity,
    coalesce(reached.reached_customer, false) as reached_customer,
    coalesce(reached.reached_disqualified, false) as reached_disqualified,
    acquisitions.account_id is not null as is_customer,
    acquisitions.acquisition_date as customer_acquisition_date
from leads
left join latest
    on leads.lead_id = latest.lead_id
left join reached
    on leads.lead_id = reached.lead_id
left join acquisitions
    on leads.converted_account_id = acquisitions.account_id
