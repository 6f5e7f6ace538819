-- Activities known at the as-of date: those that occurred on or before it.
with

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

)

select activities.*
from activities
cross join as_of
where cast(activities.occurred_at as date) <= as_of.known_through_date
