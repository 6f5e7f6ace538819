-- cost_per_lead: per campaign, spend (its expenses, else its budget) / its
-- leads; null when it has no leads or no spend.
with

campaign_spend as (

    select * from {{ ref('int_leads_campaign_spend') }}

)

select
    campaign_id,
    campaign_name,
    channel,
    spend_basis,
    spend_amount,
    leads,
    {{ safe_divide('spend_amount', 'leads') }} as cost_per_lead_amount
from campaign_spend
