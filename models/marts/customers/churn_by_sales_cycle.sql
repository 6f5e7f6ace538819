-- Churn vs sales cycle length: per cycle_bucket of the first won deal's cycle
-- days ('0-30', '31-90', '91-180', '181+'), customers acquired at least 6 months
-- before the as-of date with a won deal, those churned 6 months after their
-- acquisition date, and the rate. All four buckets always appear.
with

customers as (

    select * from {{ ref('int_customer_sales_cycle_churn') }}

),

buckets as (

    select
        bucket_list.cycle_bucket,
        bucket_list.bucket_order
    from (
        values
        ('0-30', 1),
        ('31-90', 2),
        ('91-180', 3),
        ('181+', 4)
    ) as bucket_list (cycle_bucket, bucket_order)

),

counted as (

    select
        cycle_bucket,
        count(*) as customers,
        count(case when is_churned then 1 end) as churned_customers
    from customers
    group by cycle_bucket

)

select
    buckets.cycle_bucket,
    buckets.bucket_order,
    coalesce(counted.customers, 0) as customers,
    coalesce(counted.churned_customers, 0) as churned_customers,
    {{ safe_pct('counted.churned_customers', 'counted.customers') }} as churn_rate_pct
from buckets
left join counted
    on buckets.cycle_bucket = counted.cycle_bucket
