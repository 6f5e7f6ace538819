-- Time spent in each pipeline stage, per stage of pipeline_stages: the
-- opportunities that entered it, the mean and median whole days per ended stay
-- (a re-entered stage is a second stay; stays not yet ended at the as-of date
-- are excluded) and the opportunities in it now (their open stay is in it).
with

stages as (

    select * from {{ ref('stg_crm__pipeline_stages') }}

),

stays as (

    select * from {{ ref('int_opportunity_stage_stays') }}

),

per_stage as (

    select
        stage,
        count(distinct opportunity_id) as opportunities_entered,
        count(*) as stays,
        count(stay_days) as ended_stays,
        avg(stay_days) as avg_days_in_stage,
        percentile_cont(0.5) within group (order by stay_days) as median_days_in_stage,
        sum(case when is_open then 1 else 0 end) as opportunities_in_stage_now
    from stays
    group by stage

)

select
    stages.stage,
    stages.stage_order,
    coalesce(per_stage.opportunities_entered, 0) as opportunities_entered,
    coalesce(per_stage.stays, 0) as stays,
    coalesce(per_stage.ended_stays, 0) as ended_stays,
    per_stage.avg_days_in_stage,
    per_stage.median_days_in_stage,
    coalesce(per_stage.opportunities_in_stage_now, 0) as opportunities_in_stage_now
from stages
left join per_stage
    on stages.stage = per_stage.stage
