-- One row per complete month (month_end on or before the as-of date) and
-- opportunity open on the month's last day: created on or before it and not
-- closed by then (close_date null or after it). Carries the stage it was in at
-- that moment (its latest stage-history entry at or before the end of that
-- day), the amount in the reporting currency (int_opportunities_enriched: the
-- close_date rate when the deal has one, else created_at) and the two
-- probabilities of weighted pipeline: the stage's default_probability and its
-- historical win rate at that month end (won / closed among deals closed by
-- the month end that have a history entry in the stage).
with

months as (

    select * from {{ ref('int_months') }}
    where is_complete

),

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}

),

stays as (

    select * from {{ ref('int_opportunity_stage_stays') }}

),

stages as (

    select * from {{ ref('stg_crm__pipeline_stages') }}

),

open_at_month_end as (

    select
        months.month,
        months.month_end,
        opportunities.opportunity_id,
        opportunities.owner_rep_id,
        opportunities.stage as current_stage,
        opportunities.amount
    from months
    inner join opportunities
        on
            opportunities.created_on <= months.month_end
            and (opportunities.close_date is null or opportunities.close_date > months.month_end)

),

stage_at_month_end as (

    -- the latest entry at or before the end of the month's last day is the
    -- stay that began on or before that day and had not ended by its end
    select
        open_at_month_end.month,
        open_at_month_end.opportunity_id,
        stays.stage
    from open_at_month_end
    inner join stays
        on
            open_at_month_end.opportunity_id = stays.opportunity_id
            and stays.entered_on <= open_at_month_end.month_end
            and (stays.left_on is null or stays.left_on > open_at_month_end.month_end)

),

stages_passed as (

    select distinct
        opportunity_id,
        stage
    from stays

),

closed_by_month as (

    -- deals closed per close month and stage passed: counted once here, then
    -- summed over the close months up to each month end (a deal closed on or
    -- before month_end is one closed in that month or before)
    select
        {{ month_of('opportunities.close_date') }} as close_month,
        stages_passed.stage,
        count(*) as closed_deals,
        sum(case when opportunities.is_won then 1 else 0 end) as won_deals
    from opportunities
    inner join stages_passed
        on opportunities.opportunity_id = stages_passed.opportunity_id
    where opportunities.is_closed
    group by {{ month_of('opportunities.close_date') }}, stages_passed.stage

),

historical_win_rates as (

    select
        months.month,
        closed_by_month.stage,
        cast(sum(closed_by_month.closed_deals) as {{ dbt.type_bigint() }}) as closed_deals,
        sum(closed_by_month.won_deals) as won_deals
    from months
    inner join closed_by_month
        on closed_by_month.close_month <= months.month
    group by months.month, closed_by_month.stage

),

snapshot as (

    select
        open_at_month_end.month,
        open_at_month_end.month_end,
        open_at_month_end.opportunity_id,
        open_at_month_end.owner_rep_id,
        open_at_month_end.amount,
        -- no history entry by then (a data gap): fall back on the current stage
        coalesce(stage_at_month_end.stage, open_at_month_end.current_stage) as stage,
        stage_at_month_end.stage is not null as is_stage_from_history
    from open_at_month_end
    left join stage_at_month_end
        on
            open_at_month_end.month = stage_at_month_end.month
            and open_at_month_end.opportunity_id = stage_at_month_end.opportunity_id

)

select
    snapshot.month,
    snapshot.month_end,
    snapshot.opportunity_id,
    snapshot.owner_rep_id,
    snapshot.stage,
    snapshot.is_stage_from_history,
    stages.stage_order,
    snapshot.amount,
    stages.default_probability,
    coalesce(historical_win_rates.closed_deals, 0) as stage_closed_deals,
    coalesce(historical_win_rates.won_deals, 0) as stage_won_deals,
    {{ safe_divide('historical_win_rates.won_deals', 'historical_win_rates.closed_deals') }} as historical_win_rate
from snapshot
left join stages
    on snapshot.stage = stages.stage
left join historical_win_rates
    on
        snapshot.month = historical_win_rates.month
        and snapshot.stage = historical_win_rates.stage
