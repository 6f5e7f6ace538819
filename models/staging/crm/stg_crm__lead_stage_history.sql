with

lead_stage_history as (

    select * from {{ ref('base_crm__lead_stage_history') }}
    where reject_reason is null

)

select
    lead_id,
    stage,
    entered_at
from lead_stage_history
