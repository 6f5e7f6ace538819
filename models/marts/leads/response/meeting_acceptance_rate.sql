-- Meetings booked (prospect responses with outcome meeting_booked) / prospect
-- responses, per month of the response (occurred_at).
with

months as (

    select * from {{ ref('int_months') }}

),

responses as (

    select * from {{ ref('int_activities_lead_responses') }}

),

counted as (

    select
        month,
        count(*) as prospect_responses,
        count(case when is_meeting_booked then 1 end) as meetings_booked
    from responses
    group by month

),

filled as (

    select
        months.month,
        coalesce(counted.prospect_responses, 0) as prospect_responses,
        coalesce(counted.meetings_booked, 0) as meetings_booked
    from months
    left join counted
        on months.month = counted.month

)

select
    month,
    prospect_responses,
    meetings_booked,
    {{ safe_pct('meetings_booked', 'prospect_responses') }} as acceptance_rate_pct
from filled
