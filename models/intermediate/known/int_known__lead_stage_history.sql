-- Lead stage entries known at the as-of date: entered on or before it.
with

lead_stage_history as (

    select * from {{ ref('stg_crm__lead_stage_history') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

)

select lead_stage_history.*
from lead_stage_history
cross join as_of
where cast(lead_stage_history.entered_at as date) <= as_of.known_through_date
