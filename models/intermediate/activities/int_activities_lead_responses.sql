-- One row per prospect response (catalog "Lead response" rule): an inbound
-- activity on a lead with outcome positive_reply, negative_reply or
-- meeting_booked. Positive = positive_reply or meeting_booked.
with

activities as (

    select * from {{ ref('int_known__activities') }}

)

select
    activity_id,
    lead_id,
    activity_type,
    occurred_at,
    {{ month_of('occurred_at') }} as month,
    outcome,
    outcome in ('positive_reply', 'meeting_booked') as is_positive,
    outcome = 'negative_reply' as is_negative,
    outcome = 'meeting_booked' as is_meeting_booked
from activities
where
    direction = 'inbound'
    and lead_id is not null
    and outcome in ('positive_reply', 'negative_reply', 'meeting_booked')
