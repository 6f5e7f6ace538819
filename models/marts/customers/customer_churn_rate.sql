-- Subscription customers at the start snapshot (end of M-1) that are not at the
-- end snapshot / customers at the start * 100. Complete months from the second
-- month of the series.
with

subscription_metrics as (

    select * from {{ ref('int_subscription_metrics_monthly') }}
    where has_start_snapshot

)

select
    month,
    customers_start,
    churned_customers,
    customers_end,
    customer_churn_rate_pct
from subscription_metrics
