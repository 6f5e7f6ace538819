with

quotes as (

    select * from {{ ref('base_crm__quotes') }}
    where reject_reason is null

)

select
    quote_id,
    opportunity_id,
    account_id,
    rep_id,
    sent_at,
    amount,
    amount_reporting,
    currency,
    status,
    fx_rate
from quotes
