-- MRR at the end of each complete month (the month-end snapshot).
with

subscription_metrics as (

    select * from {{ ref('int_subscription_metrics_monthly') }}

)

select
    month,
    month_end,
    mrr_end_amount as mrr_amount,
    customers_end as subscription_customers,
    arpa_amount
from subscription_metrics
