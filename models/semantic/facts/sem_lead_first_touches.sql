-- Leads first touched (their earliest outbound activity) in a month of the
-- spine, one row per lead: the row-grain fact of the semantic layer's
-- customer_acquisition_rate and prospect_response_rates, which count leads by
-- the month of their first touch. The leads, flags and first touches
-- int_activities_lead_touches gives those marts, with the lead's campaign and
-- owner rep (int_leads_enriched), flags as 0/1 counts.

with

touches as (

    select * from {{ ref('int_activities_lead_touches') }}
    where is_contacted

),

leads as (

    select * from {{ ref('int_leads_enriched') }}

),

months as (

    select * from {{ ref('int_months') }}

)

select
    touches.lead_id,
    cast(touches.first_touch_at as date) as first_touch_on,
    touches.first_touch_activity_type,
    leads.campaign_id,
    leads.owner_rep_id as rep_id,
    case when touches.is_customer then 1 else 0 end as is_customer,
    case when touches.has_positive_response then 1 else 0 end as has_positive_response,
    case when touches.has_negative_response then 1 else 0 end as has_negative_response
from touches
inner join months
    on touches.first_touch_month = months.month
left join leads
    on touches.lead_id = leads.lead_id
