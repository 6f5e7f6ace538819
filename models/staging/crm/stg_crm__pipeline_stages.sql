with

pipeline_stages as (

    select * from {{ ref('base_crm__pipeline_stages') }}
    where reject_reason is null

)

select
    stage,
    stage_order,
    default_probability,
    is_closed,
    is_won
from pipeline_stages
