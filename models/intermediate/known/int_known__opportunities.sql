-- Opportunities known at the as-of date: created on or before it (later ones
-- do not exist yet), in the state they were in on that date.
-- - A deal whose close_date is on or before the as-of date keeps its stage and close_date.
-- - A deal that closes after the as-of date was still open: close_date is null and
--   its stage is the stage of its last stage-history entry on or before the as-of
--   date when that stage is an open one.
-- - An open deal whose stage history has entries after the as-of date is in the
--   stage of its last entry on or before the as-of date, likewise.
-- - Without such an entry (none known yet, or a closed stage on a deal that
--   closes later), the stage is the pipeline's first open stage (lowest stage_order).
-- amount, amount_reporting and fx_rate are the current values (no history of
-- them exists); see the YAML.
with

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

all_history as (

    select * from {{ ref('stg_crm__opportunity_stage_history') }}

),

known_history as (

    select * from {{ ref('int_known__opportunity_stage_history') }}

),

stages as (

    select * from {{ ref('stg_crm__pipeline_stages') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

),

known_opportunities as (

    select
        opportunities.*,
        as_of.known_through_date
    from opportunities
    cross join as_of
    where {{ crm_known_condition('opportunities', 'opportunities') }}

),

history_after_as_of as (

    select distinct all_history.opportunity_id
    from all_history
    cross join as_of
    where cast(all_history.entered_at as date) > as_of.known_through_date

),

ranked_known_history as (

    select
        opportunity_id,
        stage,
        row_number() over (
            partition by opportunity_id order by entered_at desc
        ) as recency_rank
    from known_history

),

last_known_open_stages as (

    select
        ranked_known_history.opportunity_id,
        ranked_known_history.stage
    from ranked_known_history
    inner join stages
        on ranked_known_history.stage = stages.stage
    where
        ranked_known_history.recency_rank = 1
        and not stages.is_closed

),

open_stages_ranked as (

    select
        stage,
        row_number() over (order by stage_order, stage) as open_stage_rank
    from stages
    where not is_closed

),

first_open_stage as (

    -- max() keeps one row (null) when there is no open stage
    select max(stage) as stage
    from open_stages_ranked
    where open_stage_rank = 1

),

stated as (

    select
        known_opportunities.*,
        known_opportunities.close_date > known_opportunities.known_through_date as is_closed_later,
        known_opportunities.close_date is null
        and history_after_as_of.opportunity_id is not null as is_moved_later,
        last_known_open_stages.stage as last_known_open_stage
    from known_opportunities
    left join history_after_as_of
        on known_opportunities.opportunity_id = history_after_as_of.opportunity_id
    left join last_known_open_stages
        on known_opportunities.opportunity_id = last_known_open_stages.opportunity_id

)

select
    stated.opportunity_id,
    stated.account_id,
    stated.lead_id,
    stated.owner_rep_id,
    stated.opportunity_name,
    stated.deal_type,
    stated.created_at,
    case when not coalesce(stated.is_closed_later, false) then stated.close_date end as close_date,
    case
        when coalesce(stated.is_closed_later, false) or stated.is_moved_later
            then coalesce(stated.last_known_open_stage, first_open_stage.stage)
        else stated.stage
    end as stage,
    stated.amount,
    stated.amount_reporting,
    stated.currency,
    stated.fx_rate
from stated
cross join first_open_stage
