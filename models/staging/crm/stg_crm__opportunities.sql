with

opportunities as (

    select * from {{ ref('base_crm__opportunities') }}
    where reject_reason is null

)

select
    opportunity_id,
    account_id,
    lead_id,
    owner_rep_id,
    opportunity_name,
    deal_type,
    created_at,
    close_date,
    stage,
    amount,
    amount_reporting,
    currency,
    fx_rate
from opportunities
