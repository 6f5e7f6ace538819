-- customer_lifecycle_length: per acquisition month, the mean whole days from
-- the created_at date of the account's earliest converted lead to the account's
-- acquisition date (customers with at least one converted lead:
-- int_customer_lifecycles).
with

months as (

    select * from {{ ref('int_months') }}

),

lifecycles as (

    select * from {{ ref('int_customer_lifecycles') }}

),

monthly as (

    select
        acquisition_month as month,
        count(*) as customers,
        avg(lifecycle_days) as mean_lifecycle_days
    from lifecycles
    group by acquisition_month

)

select
    months.month,
    coalesce(monthly.customers, 0) as customers,
    monthly.mean_lifecycle_days
from months
left join monthly
    on months.month = monthly.month
