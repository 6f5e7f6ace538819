-- Accounts known at the as-of date: created on or before it (later ones do not exist yet).
-- A row without a creation date cannot be placed in time and is kept.
with

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

)

select accounts.*
from accounts
cross join as_of
where
    accounts.created_at is null
    or cast(accounts.created_at as date) <= as_of.known_through_date
