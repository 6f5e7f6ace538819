-- CSAT responses known at the as-of date: answered on or before it.
with

csat_responses as (

    select * from {{ ref('stg_crm__csat_responses') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

)

select csat_responses.*
from csat_responses
cross join as_of
where cast(csat_responses.responded_at as date) <= as_of.known_through_date
