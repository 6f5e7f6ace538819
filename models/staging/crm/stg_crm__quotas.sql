with

quotas as (

    select * from {{ ref('base_crm__quotas') }}
    where reject_reason is null

)

select
    rep_id,
    period_start,
    period_end,
    quota_amount,
    quota_amount_reporting,
    currency,
    fx_rate
from quotas
