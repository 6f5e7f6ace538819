-- Completed orders of the KPI months, one row per order: the row-grain fact of
-- the semantic layer's order counts (order_count, ordering accounts). Counted
-- from the orders themselves, as int_sales_monthly counts them: a completed
-- order whose lines are all missing still counts (with no revenue).

with

orders as (

    select * from {{ ref('int_known__orders') }}
    where status = 'completed'

),

months as (

    select * from {{ ref('int_months') }}

)

select
    orders.order_id,
    orders.account_id,
    orders.rep_id,
    orders.location_id,
    cast(orders.ordered_at as date) as ordered_on
from orders
inner join months
    on {{ month_of('orders.ordered_at') }} = months.month
