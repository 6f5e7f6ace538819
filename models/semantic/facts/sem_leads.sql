-- Leads known at the as-of date and created in a month of the spine, one row
-- per lead: the row-grain fact of the semantic layer's lead cohort KPIs. The
-- lead, its cohort day and the flags int_leads_monthly counts into the marts
-- (customer, mql / sql / customer stage reached; int_leads_enriched), with the
-- lead's outbound follow-up and first-touch response hours
-- (int_activities_lead_touches) that lead_response_time and leads_followed_up
-- count, flags as 0/1 counts.

with

leads as (

    select * from {{ ref('int_leads_enriched') }}

),

touches as (

    select * from {{ ref('int_activities_lead_touches') }}

),

months as (

    select * from {{ ref('int_months') }}

)

select
    leads.lead_id,
    leads.created_on,
    leads.created_month,
    leads.source,
    leads.origin,
    leads.campaign_id,
    leads.owner_rep_id as rep_id,
    leads.converted_account_id as account_id,
    leads.latest_stage,
    case when leads.is_customer then 1 else 0 end as is_customer,
    case when leads.reached_mql then 1 else 0 end as reached_mql,
    case when leads.reached_sql then 1 else 0 end as reached_sql,
    case when leads.reached_customer then 1 else 0 end as reached_customer,
    case when touches.is_contacted then 1 else 0 end as is_followed_up,
    touches.response_hours
from leads
inner join months
    on leads.created_month = months.month
left join touches
    on leads.lead_id = touches.lead_id
