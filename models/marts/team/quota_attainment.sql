with

quotas as (

    select * from {{ ref('stg_crm__quotas') }}

),

won_amounts as (

    select * from {{ ref('int_rep_period_won_amounts') }}

),

as_of as (

    select as_of_date from {{ ref('int_as_of_date') }}

),

quota_periods as (

    select
        quotas.rep_id,
        quotas.period_start,
        quotas.period_end,
        quotas.quota_amount_reporting as quota_amount,
        won_amounts.won_deals,
        won_amounts.won_amount,
        quotas.period_end <= as_of.as_of_date as is_period_complete
    from quotas
    inner join won_amounts
        on
            quotas.rep_id = won_amounts.rep_id
            and quotas.period_start = won_amounts.period_start
            and quotas.period_end = won_amounts.period_end
    cross join as_of

)

select
    rep_id,
    period_start,
    period_end,
    quota_amount,
    won_deals,
    won_amount,
    {{ safe_pct('won_amount', 'quota_amount') }} as attainment_pct,
    coalesce(quota_amount > 0 and won_amount >= quota_amount, false) as meets_quota,
    is_period_complete
from quota_periods
