with

support_tickets as (

    select * from {{ ref('base_crm__support_tickets') }}
    where reject_reason is null

)

select
    ticket_id,
    account_id,
    contact_id,
    channel,
    ticket_type,
    opened_at,
    first_response_at,
    resolved_at
from support_tickets
