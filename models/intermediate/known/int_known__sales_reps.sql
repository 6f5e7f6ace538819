-- Sales reps known at the as-of date: hired on or before it (a rep without a
-- hire date is kept). A termination after the as-of date has not happened yet:
-- termination_date is null then.
with

sales_reps as (

    select * from {{ ref('stg_crm__sales_reps') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

),

known_reps as (

    select
        sales_reps.*,
        as_of.known_through_date
    from sales_reps
    cross join as_of
    where {{ crm_known_condition('sales_reps', 'sales_reps') }}

)

select
    rep_id,
    full_name,
    email,
    role,
    team,
    manager_id,
    region,
    hire_date,
    case when termination_date <= known_through_date then termination_date end as termination_date
from known_reps
