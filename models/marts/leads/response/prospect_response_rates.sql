-- Per month of contact (the month of the lead's first touch): prospects
-- contacted, and the share with a positive / a negative response at any time.
with

months as (

    select * from {{ ref('int_months') }}

),

leads as (

    select * from {{ ref('int_activities_lead_touches') }}
    where is_contacted

),

contacted as (

    select
        first_touch_month as month,
        count(*) as prospects_contacted,
        count(case when has_positive_response then 1 end) as positive_responders,
        count(case when has_negative_response then 1 end) as negative_responders
    from leads
    group by first_touch_month

),

filled as (

    select
        months.month,
        coalesce(contacted.prospects_contacted, 0) as prospects_contacted,
        coalesce(contacted.positive_responders, 0) as positive_responders,
        coalesce(contacted.negative_responders, 0) as negative_responders
    from months
    left join contacted
        on months.month = contacted.month

)

select
    month,
    prospects_contacted,
    positive_responders,
    negative_responders,
    {{ safe_pct('positive_responders', 'prospects_contacted') }} as positive_response_rate_pct,
    {{ safe_pct('negative_responders', 'prospects_contacted') }} as negative_response_rate_pct
from filled
