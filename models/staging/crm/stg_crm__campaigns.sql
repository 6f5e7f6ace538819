with

campaigns as (

    select * from {{ ref('base_crm__campaigns') }}
    where reject_reason is null

)

select
    campaign_id,
    campaign_name,
    channel,
    start_date,
    end_date,
    budget,
    budget_reporting,
    currency,
    fx_rate
from campaigns
