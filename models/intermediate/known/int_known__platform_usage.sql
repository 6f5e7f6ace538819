-- Platform usage known at the as-of date: days on or before it.
with

platform_usage as (

    select * from {{ ref('stg_crm__platform_usage') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

)

select platform_usage.*
from platform_usage
cross join as_of
where platform_usage.usage_date <= as_of.known_through_date
