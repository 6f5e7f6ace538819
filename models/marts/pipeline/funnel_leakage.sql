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

later_orders as (

    -- each stay with the highest stage_order entered after it other than
    -- closed_lost: the later entries of its opportunity, by entered_at (unique
    -- per opportunity: int_opportunity_stage_stays' key, tested before this
    -- view is built)
    select
        opportunity_id,
        stage,
        stage_order,
        entered_at,
        next_stage,
        max(case when stage <> 'closed_lost' then stage_order end) over (
            partition by opportunity_id
            order by entered_at
            rows between 1 following and unbounded following
        ) as later_stage_order
    from stays

),

reached as (

    -- one row per opportunity and stage reached. Advanced: an entry after its
    -- first entry is in a stage of higher order, other than closed_lost (the
    -- highest later order over its entries is the one after the first entry).
    -- Lost: an entry in this stage was followed by closed_lost.
    select
        opportunity_id,
        stage,
        max(case when later_stage_order > stage_order then 1 else 0 end) = 1 as is_advanced,
        max(case when next_stage = 'closed_lost' then 1 else 0 end) = 1 as is_lost
    from later_orders
    group by opportunity_id, stage

),

per_stage as (

    select
        stage,
        count(*) as reached,
        count(case when is_advanced then 1 end) as advanced,
        count(case when is_lost then 1 end) as lost
    from reached
    group by stage

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
