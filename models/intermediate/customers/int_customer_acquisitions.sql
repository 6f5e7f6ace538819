-- One row per customer account: the catalog's acquisition date, the earliest of
-- its first closed-won opportunity close_date, first completed order date and
-- first subscription started_on. new_customers, CAC and referrals all read it.
with

won_deals as (

    select
        account_id,
        min(close_date) as first_won_on
    from {{ ref('int_opportunities_enriched') }}
    where is_won and account_id is not null
    group by account_id

),

completed_orders as (

    select
        account_id,
        min(cast(ordered_at as date)) as first_completed_order_on
    from {{ ref('int_known__orders') }}
    where status = 'completed' and account_id is not null
    group by account_id

),

subscriptions as (

    select
        account_id,
        min(started_on) as first_subscription_on
    from {{ ref('int_known__subscriptions') }}
    group by account_id

),

firsts as (

    select account_id from won_deals
    union
    select account_id from completed_orders
    union
    select account_id from subscriptions

),

accounts as (

    select * from {{ ref('int_known__accounts') }}

),

acquired as (

    select
        firsts.account_id,
        won_deals.first_won_on,
        completed_orders.first_completed_order_on,
        subscriptions.first_subscription_on,
        -- least() skips nulls on every supported engine
        least(
            won_deals.first_won_on,
            completed_orders.first_completed_order_on,
            subscriptions.first_subscription_on
        ) as acquisition_date
    from firsts
    left join won_deals on firsts.account_id = won_deals.account_id
    left join completed_orders on firsts.account_id = completed_orders.account_id
    left join subscriptions on firsts.account_id = subscriptions.account_id

)

select
    acquired.account_id,
    acquired.acquisition_date,
    {{ month_of('acquired.acquisition_date') }} as acquisition_month,
    accounts.acquisition_source,
    acquired.first_won_on,
    acquired.first_completed_order_on,
    acquired.first_subscription_on
from acquired
left join accounts
    on acquired.account_id = accounts.account_id
