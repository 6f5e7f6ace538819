-- social_engagement activities per month (of occurred_at) and social_kind.
with

months as (

    select * from {{ ref('int_months') }}

),

activities as (

    select * from {{ ref('int_known__activities') }}
    where activity_type = 'social_engagement'

),

social_kinds as (

    {{ activities_values_relation(activities_social_kinds(), 'social_kind') }}

),

grid as (

    select
        months.month,
        social_kinds.social_kind
    from months
    cross join social_kinds

),

counted as (

    select
        {{ month_of('occurred_at') }} as month,
        social_kind,
        count(*) as engagements
    from activities
    where social_kind is not null
    group by {{ month_of('occurred_at') }}, social_kind

),

month_totals as (

    select
        month,
        sum(engagements) as month_engagements
    from counted
    group by month

)

select
    grid.month,
    grid.social_kind,
    coalesce(counted.engagements, 0) as engagements,
    {{ safe_pct('coalesce(counted.engagements, 0)', 'month_totals.month_engagements') }} as share_of_month_pct
from grid
left join counted
    on grid.month = counted.month and grid.social_kind = counted.social_kind
left join month_totals
    on grid.month = month_totals.month
