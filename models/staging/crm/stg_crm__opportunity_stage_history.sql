with

opportunity_stage_history as (

    select * from {{ ref('base_crm__opportunity_stage_history') }}
    where reject_reason is null

)

select
    opportunity_id,
    stage,
    entered_at
from opportunity_stage_history
