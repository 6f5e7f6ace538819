-- Forecasts known at the as-of date: submitted on or before it.
-- A row without a submission date cannot be placed in time and is kept.
with

forecasts as (

    select * from {{ ref('stg_crm__forecasts') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

)

select forecasts.*
from forecasts
cross join as_of
where
    forecasts.submitted_at is null
    or cast(forecasts.submitted_at as date) <= as_of.known_through_date
