-- conversion_by_touches per first-touch activity_type and touches_bucket:
-- prospects, customers and rate (a grid of every type x bucket).
with

leads as (

    select * from {{ ref('int_activities_lead_touches') }}
    where touches_bucket is not null

),

activity_types as (

    {{ activities_values_relation(activities_activity_types(), 'activity_type') }}

),

buckets as (

    {{ activities_values_relation(activities_touches_buckets(), 'touches_bucket') }}

),

grid as (

    select
        activity_types.activity_type,
        buckets.touches_bucket
    from activity_types
    cross join buckets

),

counted as (

    select
        first_touch_activity_type as activity_type,
        touches_bucket,
        count(*) as prospects,
        count(case when is_customer then 1 end) as customers
    from leads
    group by first_touch_activity_type, touches_bucket

),

filled as (

    select
        grid.activity_type,
        grid.touches_bucket,
        coalesce(counted.prospects, 0) as prospects,
        coalesce(counted.customers, 0) as customers
    from grid
    left join counted
        on grid.activity_type = counted.activity_type and grid.touches_bucket = counted.touches_bucket

)

select
    activity_type,
    touches_bucket,
    prospects,
    customers,
    {{ safe_pct('customers', 'prospects') }} as conversion_rate_pct
from filled
