-- Customers acquired at least 6 months before the as-of date (acquisition date
-- + 6 months on or before it, so the check day is observed) that have a won
-- deal: the cycle days of their first won deal (earliest close_date, then
-- created_at, then opportunity_id), its cycle_bucket, and whether they churned:
-- no subscription active on the check day (acquisition date + 6 months) while
-- having had one: a subscription that started on or before that day (one that
-- starts later does not count).
with

acquisitions as (

    select * from {{ ref('int_customer_acquisitions') }}

),

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}
    where is_won and account_id is not null

),

subscriptions as (

    select * from {{ ref('int_known__subscriptions') }}

),

as_of as (

    select as_of_date from {{ ref('int_as_of_date') }}

),

first_won_deals as (

    select
        account_id,
        opportunity_id,
        close_date,
        cycle_days,
        row_number() over (
            partition by account_id
            order by close_date, created_at, opportunity_id
        ) as won_order
    from opportunities

),

eligible as (

    select
        acquisitions.account_id,
        acquisitions.acquisition_date,
        cast({{ dbt.dateadd('month', 6, 'acquisitions.acquisition_date') }} as date) as check_date,
        first_won_deals.opportunity_id as first_won_opportunity_id,
        first_won_deals.cycle_days
    from acquisitions
    cross join as_of
    inner join first_won_deals
        on
            acquisitions.account_id = first_won_deals.account_id
            and first_won_deals.won_order = 1
    where
        cast({{ dbt.dateadd('month', 6, 'acquisitions.acquisition_date') }} as date) <= as_of.as_of_date
        and first_won_deals.close_date <= as_of.as_of_date

),

subscription_status as (

    select
        eligible.account_id,
        count(case when subscriptions.started_on <= eligible.check_date then 1 end) as subscriptions_by_check,
        count(
            case
                when
                    subscriptions.started_on <= eligible.check_date
                    and (subscriptions.ended_on is null or subscriptions.ended_on > eligible.check_date)
                    then 1
            end
        ) as subscriptions_active_at_check
    from eligible
    inner join subscriptions
        on eligible.account_id = subscriptions.account_id
    group by eligible.account_id

)

select
    eligible.account_id,
    eligible.acquisition_date,
    eligible.check_date,
    eligible.first_won_opportunity_id,
    eligible.cycle_days,
    case
        when eligible.cycle_days <= 30 then '0-30'
        when eligible.cycle_days <= 90 then '31-90'
        when eligible.cycle_days <= 180 then '91-180'
        else '181+'
    end as cycle_bucket,
    coalesce(subscription_status.subscriptions_by_check, 0) > 0 as had_subscription,
    coalesce(subscription_status.subscriptions_active_at_check, 0) > 0 as is_active_at_check,
    coalesce(subscription_status.subscriptions_by_check, 0) > 0
    and coalesce(subscription_status.subscriptions_active_at_check, 0) = 0 as is_churned
from eligible
left join subscription_status
    on eligible.account_id = subscription_status.account_id
