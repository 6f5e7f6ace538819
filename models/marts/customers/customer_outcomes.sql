-- Customer outcomes per account (all accounts, customers or not): lifetime
-- revenue (0 when none), support tickets, platform minutes, and subscriptions
-- active at the as-of date. Events after the as-of date are not known (int_known__*).
with

accounts as (

    select * from {{ ref('int_known__accounts') }}

),

acquisitions as (

    select * from {{ ref('int_customer_acquisitions') }}

),

order_summary as (

    select * from {{ ref('int_account_order_summary') }}

),

support_tickets as (

    select * from {{ ref('int_known__support_tickets') }}

),

platform_usage as (

    select * from {{ ref('int_known__platform_usage') }}

),

subscriptions as (

    select * from {{ ref('int_known__subscriptions') }}

),

as_of as (

    select as_of_date from {{ ref('int_as_of_date') }}

),

tickets as (

    select
        support_tickets.account_id,
        count(*) as support_tickets
    from support_tickets
    group by support_tickets.account_id

),

usage as (

    select
        platform_usage.account_id,
        sum(platform_usage.active_minutes) as platform_minutes
    from platform_usage
    group by platform_usage.account_id

),

active_subscriptions as (

    select
        subscriptions.account_id,
        count(*) as active_subscriptions
    from subscriptions
    cross join as_of
    where
        subscriptions.started_on <= as_of.as_of_date
        and (subscriptions.ended_on is null or subscriptions.ended_on > as_of.as_of_date)
    group by subscriptions.account_id

)

select
    accounts.account_id,
    accounts.account_name,
    acquisitions.acquisition_date,
    coalesce(order_summary.completed_orders, 0) as completed_orders,
    coalesce(order_summary.lifetime_revenue_amount, 0) as lifetime_revenue_amount,
    coalesce(tickets.support_tickets, 0) as support_tickets,
    coalesce(usage.platform_minutes, 0) as platform_minutes,
    coalesce(active_subscriptions.active_subscriptions, 0) as active_subscriptions
from accounts
left join acquisitions
    on accounts.account_id = acquisitions.account_id
left join order_summary
    on accounts.account_id = order_summary.account_id
left join tickets
    on accounts.account_id = tickets.account_id
left join usage
    on accounts.account_id = usage.account_id
left join active_subscriptions
    on accounts.account_id = active_subscriptions.account_id
