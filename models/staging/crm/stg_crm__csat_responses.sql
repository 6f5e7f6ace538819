with

csat_responses as (

    select * from {{ ref('base_crm__csat_responses') }}
    where reject_reason is null

)

select
    response_id,
    account_id,
    ticket_id,
    responded_at,
    score
from csat_responses
