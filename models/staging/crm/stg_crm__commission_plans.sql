with

commission_plans as (

    select * from {{ ref('base_crm__commission_plans') }}
    where reject_reason is null

)

select
    role,
    base_rate,
    accelerator_threshold_pct,
    accelerator_rate
from commission_plans
