with

nps_responses as (

    select * from {{ ref('base_crm__nps_responses') }}
    where reject_reason is null

)

select
    response_id,
    account_id,
    contact_id,
    responded_at,
    score
from nps_responses
