with

forecasts as (

    select * from {{ ref('int_known__forecasts') }}

),

won_amounts as (

    select * from {{ ref('int_rep_period_won_amounts') }}

),

as_of as (

    select as_of_date from {{ ref('int_as_of_date') }}

),

forecast_periods as (

    select
        forecasts.rep_id,
        forecasts.period_start,
        forecasts.period_end,
        forecasts.submitted_at,
        forecasts.forecast_amount_reporting as forecast_amount,
        won_amounts.won_amount,
        abs(won_amounts.won_amount - forecasts.forecast_amount_reporting) as absolute_error_amount,
        forecasts.period_end <= as_of.as_of_date as is_period_complete
    from forecasts
    inner join won_amounts
        on
            forecasts.rep_id = won_amounts.rep_id
            and forecasts.period_start = won_amounts.period_start
            and forecasts.period_end = won_amounts.period_end
    cross join as_of

)

select
    rep_id,
    period_start,
    period_end,
    submitted_at,
    forecast_amount,
    won_amount,
    absolute_error_amount,
    100.0 * (1 - {{ safe_divide('absolute_error_amount', 'forecast_amount') }}) as accuracy_pct,
    is_period_complete
from forecast_periods
