with

employee_surveys as (

    select * from {{ ref('base_crm__employee_surveys') }}
    where reject_reason is null

)

select
    response_id,
    rep_id,
    responded_at,
    score
from employee_surveys
