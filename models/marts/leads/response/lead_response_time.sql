-- Mean hours from a lead's created_at to its first touch, over the leads of
-- the cohort month (created_at) that have a touch.
with

months as (

    select * from {{ ref('int_months') }}

),

leads as (

    select * from {{ ref('int_activities_lead_touches') }}

),

cohorts as (

    select
        created_month as month,
        count(*) as leads,
        count(first_touch_at) as leads_touched,
        avg(response_hours) as mean_response_hours
    from leads
    group by created_month

)

select
    months.month,
    coalesce(cohorts.leads, 0) as leads,
    coalesce(cohorts.leads_touched, 0) as leads_touched,
    cohorts.mean_response_hours
from months
left join cohorts
    on months.month = cohorts.month
