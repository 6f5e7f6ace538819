-- (Subscription customers at start - customers at end) / customers at start * 100.
-- Complete months from the second month of the series; negative when the base grew.
with

subscription_metrics as (

    select * from {{ ref('int_subscription_metrics_monthly') }}
    where has_start_snapshot

)

select
    month,
    customers_start,
    customers_end,
    {{ safe_pct('customers_start - customers_end', 'customers_start') }} as net_customer_loss_rate_pct
from subscription_metrics
