-- Share of the leads of the cohort month (created_at) with at least one
-- outbound activity carrying their lead_id.
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
        count(case when is_contacted then 1 end) as leads_followed_up
    from leads
    group by created_month

),

filled as (

    select
        months.month,
        coalesce(cohorts.leads, 0) as leads,
        coalesce(cohorts.leads_followed_up, 0) as leads_followed_up
    from months
    left join cohorts
        on months.month = cohorts.month

)

select
    month,
    leads,
    leads_followed_up,
    {{ safe_pct('leads_followed_up', 'leads') }} as followed_up_pct
from filled
