-- NPS responses known at the as-of date: answered on or before it.
with

nps_responses as (

    select * from {{ ref('stg_crm__nps_responses') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

)

select nps_responses.*
from nps_responses
cross join as_of
where cast(nps_responses.responded_at as date) <= as_of.known_through_date
