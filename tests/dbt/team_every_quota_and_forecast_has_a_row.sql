-- Every quotas row has exactly one quota_attainment and one commission row,
-- and every forecasts row one forecast_accuracy row. Returns the misses.
with

quotas as (

    select * from {{ ref('stg_crm__quotas') }}

),

forecasts as (

    select * from {{ ref('int_known__forecasts') }}

),

quota_attainment as (

    select * from {{ ref('quota_attainment') }}

),

commission as (

    select * from {{ ref('commission') }}

),

forecast_accuracy as (

    select * from {{ ref('forecast_accuracy') }}

),

checks as (

    select
        'quota_attainment' as model_name,
        quotas.rep_id,
        quotas.period_start,
        (
            select count(*) from quota_attainment
            where
                quota_attainment.rep_id = quotas.rep_id
                and quota_attainment.period_start = quotas.period_start
        ) as matching_rows
    from quotas

    union all

    select
        'commission' as model_name,
        quotas.rep_id,
        quotas.period_start,
        (
            select count(*) from commission
            where
                commission.rep_id = quotas.rep_id
                and commission.period_start = quotas.period_start
        ) as matching_rows
    from quotas

    union all

    select
        'forecast_accuracy' as model_name,
        forecasts.rep_id,
        forecasts.period_start,
        (
            select count(*) from forecast_accuracy
            where
                forecast_accuracy.rep_id = forecasts.rep_id
                and forecast_accuracy.period_start = forecasts.period_start
        ) as matching_rows
    from forecasts

)

select
    model_name,
    rep_id,
    period_start,
    matching_rows
from checks
-- a view without any row is unavailable (a table it needs, e.g. commission_plans, not supplied)
where
    matching_rows <> 1
    and not (model_name = 'quota_attainment' and not exists (select 1 from quota_attainment))
    and not (model_name = 'commission' and not exists (select 1 from commission))
    and not (model_name = 'forecast_accuracy' and not exists (select 1 from forecast_accuracy))
