-- Sales funnel leakage per open stage (prospecting..negotiation): reached,
-- advanced (a later entry in a stage of higher stage_order other than
-- closed_lost), lost (the entry just before a closed_lost entry is in this
-- stage) and drop-off = lost / reached * 100.
with

stages as (

    select * from {{ ref('stg_crm__pipeline_stages') }}
    where not is_closed

),

stays as (

    select * from {{ ref('int_opportunity_stage_stays') }}

),

reached as (

    select
        opportunity_id,
        stage,
        min(entered_at) as first_entered_at
    from stays
    group by opportunity_id, stage

),

advanced as (

    select distinct
        reached.opportunity_id,
        reached.stage
    from reached
    inner join stages
        on reached.stage = stages.stage
    inner join stays as later
        on
            reached.opportunity_id = later.opportunity_id
            and later.entered_at > reached.first_entered_at
            and later.stage_order > stages.stage_order
            and later.stage <> 'closed_lost'

),

lost as (

    select distinct
        opportunity_id,
        stage
    from stays
    where next_stage = 'closed_lost'

),

per_stage as (

    select
        reached.stage,
        count(*) as reached,
        count(advanced.opportunity_id) as advanced,
        count(lost.opportunity_id) as lost
    from reached
    left join advanced
        on
            reached.opportunity_id = advanced.opportunity_id
            and reached.stage = advanced.stage
    left join lost
        on
            reached.opportunity_id = lost.opportunity_id
            and reached.stage = lost.stage
    group by reached.stage

)

select
    stages.stage,
    stages.stage_order,
    coalesce(per_stage.reached, 0) as reached,
    coalesce(per_stage.advanced, 0) as advanced,
    coalesce(per_stage.lost, 0) as lost,
    {{ safe_pct('per_stage.advanced', 'per_stage.reached') }} as advance_pct,
    {{ safe_pct('per_stage.lost', 'per_stage.reached') }} as drop_off_pct
from stages
left join per_stage
    on stages.stage = per_stage.stage
