-- networking_event activities per rep and month.
with

rep_types as (

    select * from {{ ref('int_activities_rep_types_monthly') }}
    where activity_type = 'networking_event'

)

select
    month,
    rep_id,
    activities as networking_events,
    duration_minutes as networking_minutes
from rep_types
