-- Invoices known at the as-of date: issued on or before it (status is the current one).
with

invoices as (

    select * from {{ ref('stg_crm__invoices') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

)

select invoices.*
from invoices
cross join as_of
where cast(invoices.issued_at as date) <= as_of.known_through_date
