-- Activities per rep, month (of occurred_at) and activity_type, on the full grid
-- of int_activities_rep_months x the contract's activity types (0 when none).
-- Activities without a rep_id belong to no rep and are not counted here.
with

rep_months as (

    select * from {{ ref('int_activities_rep_months') }}

),

activities as (

    select * from {{ ref('int_known__activities') }}

),

activity_types as (

    {{ activities_values_relation(activities_activity_types(), 'activity_type') }}

),

grid as (

    select
        rep_months.month,
        rep_months.rep_id,
        activity_types.activity_type
    from rep_months
    cross join activity_types

),

counted as (

    select
        {{ month_of('occurred_at') }} as month,
        rep_id,
        activity_type,
        count(*) as activities,
        count(duration_minutes) as activities_with_duration,
        sum(duration_minutes) as duration_minutes
    from activities
    where rep_id is not null
    group by {{ month_of('occurred_at') }}, rep_id, activity_type

)

select
    grid.month,
    grid.rep_id,
    grid.activity_type,
    coalesce(counted.activities, 0) as activities,
    coalesce(counted.activities_with_duration, 0) as activities_with_duration,
    coalesce(counted.duration_minutes, 0) as duration_minutes
from grid
left join counted
    on
        grid.month = counted.month
        and grid.rep_id = counted.rep_id
        and grid.activity_type = counted.activity_type
