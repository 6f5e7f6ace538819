with

sales_reps as (

    select * from {{ ref('base_crm__sales_reps') }}
    where reject_reason is null

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
    termination_date
from sales_reps
