-- Breakdown of new_leads: leads created per month and campaign (every campaign
-- in every month of the spine, 0 when none; leads without a campaign are not in
-- this view).
with

months as (

    select * from {{ ref('int_months') }}

),

campaigns as (

    select * from {{ ref('stg_crm__campaigns') }}

),

leads as (

    select * from {{ ref('int_leads_enriched') }}

),

counted as (

    select
        created_month as month,
        campaign_id,
        count(*) as leads
    from leads
    where campaign_id is not null
    group by created_month, campaign_id

)

select
    months.month,
    campaigns.campaign_id,
    coalesce(counted.leads, 0) as leads
from months
cross join campaigns
left join counted
    on
        months.month = counted.month
        and campaigns.campaign_id = counted.campaign_id
