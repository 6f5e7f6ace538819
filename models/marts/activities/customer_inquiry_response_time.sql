-- Mean minutes from opened_at to first_response_at of inquiry tickets, per
-- month of opened_at and channel. Tickets not yet answered are counted as
-- inquiries but are outside the mean.
with

months as (

    select * from {{ ref('int_months') }}

),

tickets as (

    select * from {{ ref('int_known__support_tickets') }}
    where ticket_type = 'inquiry' and channel is not null

),

channels as (

    {{ activities_values_relation(crm_enum_values('support_tickets', 'channel'), 'channel') }}

),

grid as (

    select
        months.month,
        channels.channel
    from months
    cross join channels

),

measured as (

    select
        {{ month_of('opened_at') }} as month,
        channel,
        count(*) as inquiries,
        count(first_response_at) as answered_inquiries,
        avg({{ activities_elapsed_minutes('opened_at', 'first_response_at') }}) as mean_response_minutes
    from tickets
    group by {{ month_of('opened_at') }}, channel

)

select
    grid.month,
    grid.channel,
    coalesce(measured.inquiries, 0) as inquiries,
    coalesce(measured.answered_inquiries, 0) as answered_inquiries,
    measured.mean_response_minutes
from grid
left join measured
    on grid.month = measured.month and grid.channel = measured.channel
