-- Support tickets known at the as-of date: opened on or before it. A first
-- response or a resolution after the as-of date has not happened yet: null then.
with

support_tickets as (

    select * from {{ ref('stg_crm__support_tickets') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

),

known_tickets as (

    select
        support_tickets.*,
        as_of.known_through_date
    from support_tickets
    cross join as_of
    where {{ crm_known_condition('support_tickets', 'support_tickets') }}

)

select
    ticket_id,
    account_id,
    contact_id,
    channel,
    ticket_type,
    opened_at,
    case when cast(first_response_at as date) <= known_through_date then first_response_at end as first_response_at,
    case when cast(resolved_at as date) <= known_through_date then resolved_at end as resolved_at
from known_tickets
