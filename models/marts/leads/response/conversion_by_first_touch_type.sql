-- Per activity_type of the lead's first touch: prospects (leads with at least
-- one outbound touch), customers (converted_account_id is a customer), rate.
with

leads as (

    select * from {{ ref('int_activities_lead_touches') }}
    where is_contacted

),

activity_types as (

    {{ activities_values_relation(activities_activity_types(), 'activity_type') }}

),

counted as (

    select
        first_touch_activity_type as activity_type,
        count(*) as prospects,
        count(case when is_customer then 1 end) as customers
    from leads
    group by first_touch_activity_type

),

filled as (

    select
        activity_types.activity_type,
        coalesce(counted.prospects, 0) as prospects,
        coalesce(counted.customers, 0) as customers
    from activity_types
    left join counted
        on activity_types.activity_type = counted.activity_type

)

select
    activity_type,
    prospects,
    customers,
    {{ safe_pct('customers', 'prospects') }} as conversion_rate_pct
from filled
