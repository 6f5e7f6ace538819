-- Per-account month-end subscription snapshots, complete months only
-- (month_end on or before the as-of date), with the start of the month (the
-- snapshot at the end of M-1) next to its end and the MRR movement between the
-- two. An account is active on day d when one of its subscriptions has
-- started_on <= d and (ended_on is null or ended_on > d): ended_on is exclusive,
-- so a plan change (one row ends the day the next starts) never breaks it.
-- MRR is the sum of mrr_amount_reporting (converted at started_on, see staging).
-- One row per complete month and account active at its start or its end.
with

months as (

    select * from {{ ref('int_months') }}

),

subscriptions as (

    select * from {{ ref('int_known__subscriptions') }}

),

first_month as (

    select min(month) as first_month from months

),

snapshot_days as (

    select
        month,
        month_end
    from months
    where is_complete

),

active_at_month_end as (

    select
        snapshot_days.month,
        subscriptions.account_id,
        count(*) as active_subscriptions,
        sum(subscriptions.mrr_amount_reporting) as mrr_amount
    from snapshot_days
    inner join subscriptions
        on
            subscriptions.started_on <= snapshot_days.month_end
            and (
                subscriptions.ended_on is null
                or subscriptions.ended_on > snapshot_days.month_end
            )
    group by snapshot_days.month, subscriptions.account_id

),

account_months as (

    -- every complete month an account is active at its end, or at its start
    -- (active at the end of the previous month)
    select
        month,
        account_id
    from active_at_month_end
    union
    select
        months.month,
        active_at_month_end.account_id
    from active_at_month_end
    inner join months
        on active_at_month_end.month = months.previous_month
    where months.is_complete

),

snapshots as (

    select
        account_months.month,
        months.month_end,
        account_months.account_id,
        account_months.month > first_month.first_month as has_start_snapshot,
        month_start.account_id is not null as is_active_start,
        month_end.account_id is not null as is_active_end,
        coalesce(month_start.active_subscriptions, 0) as active_subscriptions_start,
        coalesce(month_end.active_subscriptions, 0) as active_subscriptions_end,
        coalesce(month_start.mrr_amount, 0) as mrr_start_amount,
        coalesce(month_end.mrr_amount, 0) as mrr_end_amount
    from account_months
    inner join months
        on account_months.month = months.month
    cross join first_month
    left join active_at_month_end as month_end
        on
            account_months.month = month_end.month
            and account_months.account_id = month_end.account_id
    left join active_at_month_end as month_start
        on
            months.previous_month = month_start.month
            and account_months.account_id = month_start.account_id

)

select
    month,
    month_end,
    account_id,
    has_start_snapshot,
    is_active_start,
    is_active_end,
    active_subscriptions_start,
    active_subscriptions_end,
    mrr_start_amount,
    mrr_end_amount,
    case
        when mrr_start_amount = 0 and mrr_end_amount > 0 then 'new'
        when mrr_start_amount > 0 and mrr_end_amount = 0 then 'churned'
        when mrr_end_amount > mrr_start_amount then 'expansion'
        when mrr_end_amount < mrr_start_amount then 'contraction'
        else 'unchanged'
    end as mrr_movement,
    case
        when mrr_start_amount = 0 and mrr_end_amount > 0 then mrr_end_amount else 0
    end as new_mrr_amount,
    case
        when mrr_start_amount > 0 and mrr_end_amount > mrr_start_amount
            then mrr_end_amount - mrr_start_amount
        else 0
    end as expansion_mrr_amount,
    case
        when mrr_end_amount > 0 and mrr_end_amount < mrr_start_amount
            then mrr_start_amount - mrr_end_amount
        else 0
    end as contraction_mrr_amount,
    case
        when mrr_start_amount > 0 and mrr_end_amount = 0 then mrr_start_amount else 0
    end as churned_mrr_amount
from snapshots
