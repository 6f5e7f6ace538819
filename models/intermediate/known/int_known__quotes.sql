-- Quotes known at the as-of date: sent on or before it (status is the current one).
with

quotes as (

    select * from {{ ref('stg_crm__quotes') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

)

select quotes.*
from quotes
cross join as_of
where cast(quotes.sent_at as date) <= as_of.known_through_date
