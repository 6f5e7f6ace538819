-- One row per stay of an opportunity in a pipeline stage: each
-- opportunity_stage_history entry is a stay that ends when the next entry of the
-- same opportunity begins (left_at, null while the stay is still open). A
-- re-entered stage is a second stay. Only entries on or before the as-of date
-- are known (int_known__opportunity_stage_history), so "open" means open at the
-- as-of date. Skipped stages simply have no stay; a backward move is an ordinary
-- next entry.
with

history as (

    select * from {{ ref('int_known__opportunity_stage_history') }}

),

stages as (

    select * from {{ ref('stg_crm__pipeline_stages') }}

),

sequenced as (

    select
        opportunity_id,
        stage,
        entered_at,
        lead(entered_at) over (
            partition by opportunity_id order by entered_at
        ) as left_at,
        lead(stage) over (
            partition by opportunity_id order by entered_at
        ) as next_stage
    from history

)

select
    sequenced.opportunity_id,
    sequenced.stage,
    stages.stage_order,
    stages.is_closed as is_closed_stage,
    sequenced.entered_at,
    sequenced.left_at,
    cast(sequenced.entered_at as date) as entered_on,
    cast(sequenced.left_at as date) as left_on,
    sequenced.next_stage,
    sequenced.left_at is null as is_open,
    case
        when sequenced.left_at is not null
            then {{ dbt.datediff('cast(sequenced.entered_at as date)', 'cast(sequenced.left_at as date)', 'day') }}
    end as stay_days
from sequenced
left join stages
    on sequenced.stage = stages.stage
