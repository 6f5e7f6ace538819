with

quotas as (

    select * from {{ ref('stg_crm__quotas') }}

),

won_amounts as (

    select * from {{ ref('int_rep_period_won_amounts') }}

),

sales_reps as (

    select * from {{ ref('int_known__sales_reps') }}

),

commission_plans as (

    select * from {{ ref('stg_crm__commission_plans') }}

),

quota_periods as (

    select
        quotas.rep_id,
        quotas.period_start,
        quotas.period_end,
        sales_reps.role,
        quotas.quota_amount_reporting as quota_amount,
        won_amounts.won_amount,
        commission_plans.base_rate,
        commission_plans.accelerator_rate,
        commission_plans.accelerator_threshold_pct / 100.0
        * quotas.quota_amount_reporting as threshold_amount
    from quotas
    inner join won_amounts
        on
            quotas.rep_id = won_amounts.rep_id
            and quotas.period_start = won_amounts.period_start
            and quotas.period_end = won_amounts.period_end
    -- left: a quota of a rep hired after the as-of date keeps its row (role unknown yet)
    left join sales_reps
        on quotas.rep_id = sales_reps.rep_id
    left join commission_plans
        on sales_reps.role = commission_plans.role

),

commissions as (

    select
        *,
        base_rate * least(won_amount, threshold_amount) as base_commission_amount,
        accelerator_rate
        * greatest(won_amount - threshold_amount, 0) as accelerator_commission_amount
    from quota_periods

)

select
    rep_id,
    period_start,
    period_end,
    role,
    quota_amount,
    won_amount,
    threshold_amount,
    base_rate,
    accelerator_rate,
    base_commission_amount,
    accelerator_commission_amount,
    base_commission_amount + accelerator_commission_amount as commission_amount
from commissions
