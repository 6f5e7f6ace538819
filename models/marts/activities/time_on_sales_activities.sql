-- Minutes spent on activities (sum of duration_minutes) per rep, month and activity_type.
with

rep_types as (

    select * from {{ ref('int_activities_rep_types_monthly') }}

)

select
    month,
    rep_id,
    activity_type,
    activities,
    activities_with_duration,
    duration_minutes as time_spent_minutes
from rep_types
