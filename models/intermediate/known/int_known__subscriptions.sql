-- Subscriptions known at the as-of date: started on or before it (later ones
-- do not exist yet). An end after the as-of date has not happened yet: ended_on
-- is null then (the subscription is active at the as-of date).
with

subscriptions as (

    select * from {{ ref('stg_crm__subscriptions') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

),

known_subscriptions as (

    select
        subscriptions.*,
        as_of.known_through_date
    from subscriptions
    cross join as_of
    where {{ crm_known_condition('subscriptions', 'subscriptions') }}

)

select
    subscription_id,
    account_id,
    product_id,
    started_on,
    case when ended_on <= known_through_date then ended_on end as ended_on,
    mrr_amount,
    mrr_amount_reporting,
    currency,
    fx_rate
from known_subscriptions
