-- MRR movements add up: for every account and month, and for every month of
-- mrr_movements, MRR at end = MRR at start + new + expansion - contraction -
-- churned; and the start of a month is the previous month's MRR in
-- monthly_recurring_revenue, its end the month's. Returns the rows that break it.
with

snapshots as (

    select * from {{ ref('int_account_mrr_snapshots') }}

),

movements as (

    select * from {{ ref('mrr_movements') }}

),

recurring_revenue as (

    select * from {{ ref('monthly_recurring_revenue') }}

),

account_breaks as (

    select
        'account' as check_level,
        month,
        account_id,
        mrr_end_amount
        - (
            mrr_start_amount
            + new_mrr_amount
            + expansion_mrr_amount
            - contraction_mrr_amount
            - churned_mrr_amount
        ) as difference_amount
    from snapshots

),

month_breaks as (

    select
        'month' as check_level,
        movements.month,
        cast(null as {{ dbt.type_string() }}) as account_id,
        movements.mrr_end_amount - (movements.mrr_start_amount + movements.net_new_mrr_amount) as difference_amount
    from movements

),

start_breaks as (

    select
        'start vs previous month' as check_level,
        movements.month,
        cast(null as {{ dbt.type_string() }}) as account_id,
        movements.mrr_start_amount - coalesce(previous_month.mrr_amount, -1) as difference_amount
    from movements
    left join recurring_revenue as previous_month
        on movements.month = cast({{ dbt.dateadd('month', 1, 'previous_month.month') }} as date)

),

end_breaks as (

    select
        'end vs month' as check_level,
        movements.month,
        cast(null as {{ dbt.type_string() }}) as account_id,
        movements.mrr_end_amount - coalesce(this_month.mrr_amount, -1) as difference_amount
    from movements
    left join recurring_revenue as this_month
        on movements.month = this_month.month

),

all_breaks as (

    select * from account_breaks
    union all
    select * from month_breaks
    union all
    select * from start_breaks
    union all
    select * from end_breaks

)

select
    check_level,
    month,
    account_id,
    difference_amount
from all_breaks
where abs(difference_amount) > 0.000001
