-- The (month, rep) grid of the per-rep activity KPIs: every month of the spine
-- for every rep employed at some point in it (hire_date on or before the month
-- end, termination_date null or on or after the month start), plus any
-- rep-month with an activity or a won deal outside that span.
with

months as (

    select * from {{ ref('int_months') }}

),

reps as (

    select * from {{ ref('int_known__sales_reps') }}

),

activities as (

    select * from {{ ref('int_known__activities') }}

),

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}

),

employed as (

    select
        months.month,
        reps.rep_id
    from months
    cross join reps
    where
        (reps.hire_date is null or reps.hire_date <= months.month_end)
        and (reps.termination_date is null or reps.termination_date >= months.month)

),

worked as (

    select
        {{ month_of('occurred_at') }} as month,
        rep_id
    from activities
    where rep_id is not null

    union

    select
        close_month as month,
        owner_rep_id as rep_id
    from opportunities
    where is_won and owner_rep_id is not null

),

rep_months as (

    select
        month,
        rep_id
    from employed

    union

    select
        worked.month,
        worked.rep_id
    from worked
    inner join months
        on worked.month = months.month

)

select
    month,
    rep_id
from rep_months
