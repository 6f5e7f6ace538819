with

subscriptions as (

    select * from {{ ref('base_crm__subscriptions') }}
    where reject_reason is null

)

select
    subscription_id,
    account_id,
    product_id,
    started_on,
    ended_on,
    mrr_amount,
    mrr_amount_reporting,
    currency,
    fx_rate
from subscriptions
