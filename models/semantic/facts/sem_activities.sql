-- Activities known at the as-of date (int_known__activities) whose occurred_at
-- falls in a month of the spine, one row per activity: the row-grain fact of the
-- semantic layer's activity metrics (activities_by_type, networking_events,
-- time_on_sales_activities, social_engagement, product_demos and the numerator
-- of sales_activity_ratio). The same activities int_activities_rep_types_monthly
-- and the social_engagement and product_demos marts count per month, with the
-- per-type flags those KPIs count as 0/1 and duration_minutes as logged (null =
-- not logged, counted as 0 minutes by the sums).

with

activities as (

    select * from {{ ref('int_known__activities') }}

),

months as (

    select * from {{ ref('int_months') }}

),

in_spine as (

    select
        activities.activity_id,
        activities.rep_id,
        activities.account_id,
        activities.lead_id,
        activities.contact_id,
        activities.opportunity_id,
        cast(activities.occurred_at as date) as occurred_on,
        activities.activity_type,
        activities.direction,
        activities.outcome,
        activities.social_kind,
        activities.duration_minutes
    from activities
    inner join months
        on {{ month_of('activities.occurred_at') }} = months.month

)

select
    activity_id,
    rep_id,
    account_id,
    lead_id,
    contact_id,
    opportunity_id,
    occurred_on,
    activity_type,
    direction,
    outcome,
    social_kind,
    duration_minutes,
    case when activity_type = 'networking_event' then 1 else 0 end as is_networking_event,
    case when activity_type = 'social_engagement' and social_kind is not null then 1 else 0 end as is_social_engagement,
    case when activity_type = 'demo' then 1 else 0 end as is_demo
from in_spine
