-- Support tickets known at the as-of date (int_known__support_tickets) opened in a
-- month of the spine, one row per ticket: the row-grain fact of the semantic
-- layer's customer_inquiry_response_time. A first response after the as-of date
-- is not known yet (null), as in marts.customer_inquiry_response_time, whose
-- minutes to the first response (activities_elapsed_minutes) each row carries.

with

tickets as (

    select * from {{ ref('int_known__support_tickets') }}

),

months as (

    select * from {{ ref('int_months') }}

),

in_spine as (

    select
        tickets.ticket_id,
        tickets.account_id,
        tickets.channel,
        tickets.ticket_type,
        tickets.opened_at,
        tickets.first_response_at
    from tickets
    inner join months
        on {{ month_of('tickets.opened_at') }} = months.month

)

select
    ticket_id,
    account_id,
    channel,
    ticket_type,
    cast(opened_at as date) as opened_on,
    {{ activities_elapsed_minutes('opened_at', 'first_response_at') }} as first_response_minutes,
    case when ticket_type = 'inquiry' and channel is not null then 1 else 0 end as is_channel_inquiry,
    case
        when ticket_type = 'inquiry' and channel is not null and first_response_at is not null then 1 else 0
    end as is_answered_inquiry
from in_spine
