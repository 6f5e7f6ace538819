-- Prospect responses (inbound activities on a lead with outcome positive_reply,
-- negative_reply or meeting_booked) of the months of the spine, one row per
-- response: the row-grain fact of the semantic layer's meeting_acceptance_rate.
-- The responses int_activities_lead_responses gives marts.meeting_acceptance_rate,
-- flags as 0/1 counts.

with

responses as (

    select * from {{ ref('int_activities_lead_responses') }}

),

months as (

    select * from {{ ref('int_months') }}

)

select
    responses.activity_id,
    responses.lead_id,
    cast(responses.occurred_at as date) as responded_on,
    responses.activity_type,
    responses.outcome,
    case when responses.is_positive then 1 else 0 end as is_positive,
    case when responses.is_meeting_booked then 1 else 0 end as is_meeting_booked
from responses
inner join months
    on responses.month = months.month
