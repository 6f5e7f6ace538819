-- new_customers must be the shared count of int_new_customers_monthly, and
-- referral-based new customers can never exceed it (rows returned = failures).
with

new_customers as (

    select * from {{ ref('new_customers') }}

),

shared as (

    select * from {{ ref('int_new_customers_monthly') }}

),

referrals as (

    select * from {{ ref('referrals') }}

),

new_customers_rows as (

    -- an unavailable new_customers (a table it needs not supplied) has no rows
    select count(*) as row_count from new_customers

)

select
    shared.month,
    shared.new_customers as shared_new_customers,
    new_customers.new_customers,
    referrals.referral_new_customers
from shared
left join new_customers
    on shared.month = new_customers.month
left join referrals
    on shared.month = referrals.month
cross join new_customers_rows
where
    (
        new_customers_rows.row_count > 0
        and (new_customers.new_customers is null or new_customers.new_customers <> shared.new_customers)
    )
    or referrals.referral_new_customers > shared.new_customers
