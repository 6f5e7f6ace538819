-- (Subscription customers at end - new customers of the month) / customers at
-- start * 100. Complete months from the second month of the series.
with

subscription_metrics as (

    select * from {{ ref('int_subscription_metrics_monthly') }}
    where has_start_snapshot

)

select
    month,
    customers_start,
    customers_end,
    new_customers,
    {{ safe_pct('customers_end - new_customers', 'customers_start') }} as customer_retention_rate_pct
from subscription_metrics
