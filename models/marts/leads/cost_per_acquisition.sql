-- cost_per_acquisition: per campaign, spend (its expenses, else its budget) /
-- its leads whose converted account is a customer; null when there are none.
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
    customer_leads,
    {{ safe_divide('spend_amount', 'customer_leads') }} as cost_per_acquisition_amount
from campaign_spend
