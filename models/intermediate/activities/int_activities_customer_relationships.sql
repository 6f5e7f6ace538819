-- One row per customer account acquired on or before the as-of date: its
-- relationship span (acquisition month to end month, both included) and its
-- interactions. End month = the month of the churn date (ended_on of its last
-- subscription when it has subscriptions and none is active at the as-of
-- date), else the as-of month. Interactions = activities carrying the
-- account_id from the acquisition date to the as-of date. Never reads the clock.
with

customers as (

    select * from {{ ref('int_customer_acquisitions') }}

),

subscriptions as (

    select * from {{ ref('int_known__subscriptions') }}

),

activities as (

    select * from {{ ref('int_known__activities') }}

),

as_of as (

    select
        as_of_date,
        {{ month_of('as_of_date') }} as as_of_month
    from {{ ref('int_as_of_date') }}

),

subscription_status as (

    select
        subscriptions.account_id,
        max(
            case
                when
                    subscriptions.started_on <= as_of.as_of_date
                    and (subscriptions.ended_on is null or subscriptions.ended_on > as_of.as_of_date)
                    then 1
                else 0
            end
        ) = 1 as is_active_at_as_of,
        max(
            case when subscriptions.started_on <= as_of.as_of_date then subscriptions.ended_on end
        ) as last_ended_on
    from subscriptions
    cross join as_of
    group by subscriptions.account_id

),

spans as (

    select
        customers.account_id,
        customers.acquisition_date,
        customers.acquisition_month,
        case
            when not subscription_status.is_active_at_as_of then subscription_status.last_ended_on
        end as churn_date,
        as_of.as_of_date,
        as_of.as_of_month
    from customers
    cross join as_of
    left join subscription_status
        on customers.account_id = subscription_status.account_id
    where customers.acquisition_date <= as_of.as_of_date

),

interactions as (

    select
        spans.account_id,
        count(*) as interactions
    from spans
    inner join activities
        on
            spans.account_id = activities.account_id
            and cast(activities.occurred_at as date) >= spans.acquisition_date
            and cast(activities.occurred_at as date) <= spans.as_of_date
    group by spans.account_id

),

ended as (

    select
        spans.*,
        coalesce({{ month_of('spans.churn_date') }}, spans.as_of_month) as end_month
    from spans

)

select
    ended.account_id,
    ended.acquisition_date,
    ended.acquisition_month,
    ended.churn_date,
    ended.end_month,
    ({{ dbt.datediff('ended.acquisition_month', 'ended.end_month', 'month') }}) + 1 as relationship_months,
    coalesce(interactions.interactions, 0) as interactions
from ended
left join interactions
    on ended.account_id = interactions.account_id
