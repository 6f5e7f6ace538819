-- Identities: every activity with a rep_id in a month of the spine is counted
-- once in activities_by_type, sales_activity_ratio and time_on_sales_activities,
-- and its duration_minutes once in time_on_sales_activities.
-- Returns the measures whose two sides differ.
with

months as (

    select * from {{ ref('int_months') }}

),

activities as (

    select * from {{ ref('int_known__activities') }}

),

in_spine as (

    select activities.*
    from activities
    inner join months
        on {{ month_of('activities.occurred_at') }} = months.month
    where activities.rep_id is not null

),

expected as (

    select
        count(*) as activities,
        coalesce(sum(duration_minutes), 0) as minutes
    from in_spine

),

sides as (

    select
        'activities_by_type.activities' as measure,
        (select sum(activities) from {{ ref('activities_by_type') }}) as got,
        (select activities from expected) as want

    union all

    select
        'sales_activity_ratio.activities' as measure,
        (select sum(activities) from {{ ref('sales_activity_ratio') }}) as got,
        (select activities from expected) as want

    union all

    select
        'time_on_sales_activities.activities' as measure,
        (select sum(activities) from {{ ref('time_on_sales_activities') }}) as got,
        (select activities from expected) as want

    union all

    select
        'time_on_sales_activities.time_spent_minutes' as measure,
        (select sum(time_spent_minutes) from {{ ref('time_on_sales_activities') }}) as got,
        (select minutes from expected) as want

)

select
    measure,
    got,
    want
from sides
-- got is null when the view has no rows: unavailable (sales_activity_ratio also needs
-- opportunities and pipeline_stages), nothing to reconcile
where got is not null and abs(got - coalesce(want, 0)) > 0.000001
