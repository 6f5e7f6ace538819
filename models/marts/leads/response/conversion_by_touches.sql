-- Per touches_bucket ('1', '2-4', '5-9', '10+' outbound touches before
-- converted_at, all of them when not converted): prospects, customers, rate.
with

leads as (

    select * from {{ ref('int_activities_lead_touches') }}
    where touches_bucket is not null

),

buckets as (

    {{ activities_values_relation(activities_touches_buckets(), 'touches_bucket') }}

),

counted as (

    select
        touches_bucket,
        count(*) as prospects,
        count(case when is_customer then 1 end) as customers
    from leads
    group by touches_bucket

),

filled as (

    select
        buckets.touches_bucket,
        coalesce(counted.prospects, 0) as prospects,
        coalesce(counted.customers, 0) as customers
    from buckets
    left join counted
        on buckets.touches_bucket = counted.touches_bucket

)

select
    touches_bucket,
    prospects,
    customers,
    {{ safe_pct('customers', 'prospects') }} as conversion_rate_pct
from filled
