-- Accounts with a won upsell or cross_sell deal closed in the month / subscription
-- customers at the start of the month (the snapshot at the end of M-1) * 100.
-- Complete months from the second month of the series.
with

subscription_metrics as (

    select * from {{ ref('int_subscription_metrics_monthly') }}
    where has_start_snapshot

),

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}

),

expanding_accounts as (

    select
        close_month as month,
        count(distinct account_id) as upsell_cross_sell_accounts
    from opportunities
    where
        is_won
        and deal_type in ('upsell', 'cross_sell')
        and account_id is not null
    group by close_month

)

select
    subscription_metrics.month,
    coalesce(expanding_accounts.upsell_cross_sell_accounts, 0) as upsell_cross_sell_accounts,
    subscription_metrics.customers_start as subscription_customers_start,
    {{ safe_pct(
        'coalesce(expanding_accounts.upsell_cross_sell_accounts, 0)',
        'subscription_metrics.customers_start'
    ) }} as upsell_cross_sell_rate_pct
from subscription_metrics
left join expanding_accounts
    on subscription_metrics.month = expanding_accounts.month
