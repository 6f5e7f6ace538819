-- Subscriptions known at the as-of date, one row per subscription and day it is
-- active within the complete months of the spine: the row-grain fact of the
-- semantic layer's MRR, a day snapshot that MetricFlow reads at the last day of
-- any period (a semi-additive measure). Active on day d as in
-- int_account_mrr_snapshots: started_on <= d and (ended_on is null or ended_on
-- > d), ended_on exclusive; MRR is mrr_amount_reporting (converted at
-- started_on, see staging), so each month-end day sums to
-- marts.monthly_recurring_revenue. Only complete months (month_end on or before
-- the as-of date), as the mart: the as-of month's days are not snapshots yet
-- when the as-of date falls inside it.
-- A day without any active subscription keeps one row with no subscription and
-- 0 MRR: the day is still a snapshot (MRR 0, as the mart's coalesce), so a
-- period ending on it reads 0 instead of an earlier day with subscriptions.
-- A view: a row per subscription-day is ~700 rows per subscription over two
-- years (millions at 100x the sample), cheap to compute on read.

with

subscriptions as (

    select * from {{ ref('int_known__subscriptions') }}

),

days as (

    select * from {{ ref('metricflow_time_spine') }}

),

months as (

    select * from {{ ref('int_months') }}
    where is_complete

),

snapshot_days as (

    select days.date_day
    from days
    inner join months
        on {{ month_of('days.date_day') }} = months.month

),

subscription_days as (

    select
        subscriptions.subscription_id,
        subscriptions.account_id,
        subscriptions.product_id,
        snapshot_days.date_day as active_on,
        subscriptions.mrr_amount_reporting as mrr_amount
    from subscriptions
    inner join snapshot_days
        on
            subscriptions.started_on <= snapshot_days.date_day
            and (
                subscriptions.ended_on is null
                or subscriptions.ended_on > snapshot_days.date_day
            )

),

empty_days as (

    select
        cast(null as {{ dbt.type_string() }}) as subscription_id,
        cast(null as {{ dbt.type_string() }}) as account_id,
        cast(null as {{ dbt.type_string() }}) as product_id,
        snapshot_days.date_day as active_on,
        0 as mrr_amount
    from snapshot_days
    where not exists (
        select 1
        from subscription_days
        where subscription_days.active_on = snapshot_days.date_day
    )

),

all_days as (

    select
        subscription_id,
        account_id,
        product_id,
        active_on,
        mrr_amount
    from subscription_days
    union all
    select
        subscription_id,
        account_id,
        product_id,
        active_on,
        mrr_amount
    from empty_days

)

select
    {{ dbt.concat([
        "coalesce(subscription_id, 'none')",
        "'-'",
        'cast(active_on as ' ~ dbt.type_string() ~ ')',
    ]) }} as subscription_day_id,
    subscription_id,
    account_id,
    product_id,
    active_on,
    mrr_amount
from all_days
