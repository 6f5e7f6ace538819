-- (Churned MRR + contraction MRR) / MRR at start * 100. Complete months from the
-- second month of the series.
with

subscription_metrics as (

    select * from {{ ref('int_subscription_metrics_monthly') }}
    where has_start_snapshot

)

select
    month,
    mrr_start_amount,
    churned_mrr_amount,
    contraction_mrr_amount,
    {{ safe_pct('churned_mrr_amount + contraction_mrr_amount', 'mrr_start_amount') }} as revenue_churn_rate_pct
from subscription_metrics
