with

quota_attainment as (

    select * from {{ ref('quota_attainment') }}

),

periods as (

    select
        period_start,
        count(*) as reps_with_quota,
        count(case when meets_quota then 1 end) as reps_meeting_quota
    from quota_attainment
    group by period_start

)

select
    period_start,
    reps_with_quota,
    reps_meeting_quota,
    {{ safe_pct('reps_meeting_quota', 'reps_with_quota') }} as reps_meeting_quota_pct
from periods
