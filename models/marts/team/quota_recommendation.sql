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

reps_with_quotas as (

    select distinct rep_id
    from quotas

),

ended_quota_periods as (

    select
        quotas.rep_id,
        quotas.period_start,
        quotas.period_end,
        won_amounts.won_amount,
        row_number() over (
            partition by quotas.rep_id
            order by quotas.period_end desc, quotas.period_start desc
        ) as recency_rank
    from quotas
    inner join won_amounts
        on
            quotas.rep_id = won_amounts.rep_id
            and quotas.period_start = won_amounts.period_start
            and quotas.period_end = won_amounts.period_end
    cross join as_of
    where quotas.period_end <= as_of.as_of_date

),

recent_periods as (

    select
        rep_id,
        count(*) as periods_used,
        min(period_start) as first_period_start,
        max(period_end) as last_period_end,
        cast(avg(won_amount) as {{ dbt.type_numeric() }}) as mean_won_amount
    from ended_quota_periods
    where recency_rank <= 4
    group by rep_id

),

recommendations as (

    select
        reps_with_quotas.rep_id,
        coalesce(recent_periods.periods_used, 0) as periods_used,
        recent_periods.first_period_start,
        recent_periods.last_period_end,
        recent_periods.mean_won_amount,
        cast({{ var('quota_growth_target', 0.10) }} as {{ dbt.type_numeric() }}) as growth_target_ratio
    from reps_with_quotas
    left join recent_periods
        on reps_with_quotas.rep_id = recent_periods.rep_id

)

select
    rep_id,
    periods_used,
    first_period_start,
    last_period_end,
    mean_won_amount,
    growth_target_ratio,
    mean_won_amount * (1 + growth_target_ratio) as recommended_quota_amount
from recommendations
