-- Employee survey responses known at the as-of date: answered on or before it.
with

employee_surveys as (

    select * from {{ ref('stg_crm__employee_surveys') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

)

select employee_surveys.*
from employee_surveys
cross join as_of
where cast(employee_surveys.responded_at as date) <= as_of.known_through_date
