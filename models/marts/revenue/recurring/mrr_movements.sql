-- MRR movements per month: each account's MRR at the end of M-1 vs the end of
-- M (0 -> x new; up expansion; down but > 0 contraction; x -> 0 churned).
-- Complete months from the second month of the series.
with

subscription_metrics as (

    select * from {{ ref('int_subscription_metrics_monthly') }}
    where has_start_snapshot

)

select
    month,
    mrr_start_amount,
    new_mrr_amount,
    expansion_mrr_amount,
    contraction_mrr_amount,
    churned_mrr_amount,
    new_mrr_amount
    + expansion_mrr_amount
    - contraction_mrr_amount
    - churned_mrr_amount as net_new_mrr_amount,
    mrr_end_amount,
    new_mrr_accounts,
    expansion_mrr_accounts,
    contraction_mrr_accounts,
    churned_mrr_accounts
from subscription_metrics
