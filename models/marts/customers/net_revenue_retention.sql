-- (MRR at start + expansion - contraction - churned) / MRR at start * 100: the
-- MRR kept from the accounts paying at the start, new accounts excluded.
-- Complete months from the second month of the series.
with

subscription_metrics as (

    select * from {{ ref('int_subscription_metrics_monthly') }}
    where has_start_snapshot

)

select
    month,
    mrr_start_amount,
    expansion_mrr_amount,
    contraction_mrr_amount,
    churned_mrr_amount,
    {{ safe_pct(
        'mrr_start_amount + expansion_mrr_amount - contraction_mrr_amount - churned_mrr_amount',
        'mrr_start_amount'
    ) }} as net_revenue_retention_pct
from subscription_metrics
