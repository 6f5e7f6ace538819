-- Competitor prices known at the as-of date: observed on or before it.
with

competitor_prices as (

    select * from {{ ref('stg_crm__competitor_prices') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

)

select competitor_prices.*
from competitor_prices
cross join as_of
where competitor_prices.observed_on <= as_of.known_through_date
