-- Orders known at the as-of date: placed on or before it (status is the current one).
with

orders as (

    select * from {{ ref('stg_crm__orders') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

)

select orders.*
from orders
cross join as_of
where cast(orders.ordered_at as date) <= as_of.known_through_date
