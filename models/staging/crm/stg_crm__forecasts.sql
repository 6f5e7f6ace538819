with

forecasts as (

    select * from {{ ref('base_crm__forecasts') }}
    where reject_reason is null

)

select
    rep_id,
    period_start,
    period_end,
    forecast_amount,
    forecast_amount_reporting,
    currency,
    submitted_at,
    fx_rate
from forecasts
