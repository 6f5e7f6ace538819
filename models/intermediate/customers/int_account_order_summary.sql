-- Per account with completed orders ordered on or before the as-of date: its
-- completed orders, lifetime revenue and first and latest order dates. RFM,
-- customer outcomes and the per-account historical value read it. Orders come
-- from staging (an order without lines still counts as an order, revenue 0).
with

orders as (

    select * from {{ ref('int_known__orders') }}
    where status = 'completed' and account_id is not null

),

order_lines as (

    select * from {{ ref('int_order_lines_completed') }}

),

as_of as (

    select max(as_of_date) as as_of_date from {{ ref('int_months') }}

),

order_revenue as (

    select
        order_id,
        sum(revenue_amount) as revenue_amount
    from order_lines
    group by order_id

),

dated_orders as (

    select
        orders.order_id,
        orders.account_id,
        cast(orders.ordered_at as date) as ordered_on,
        coalesce(order_revenue.revenue_amount, 0) as revenue_amount
    from orders
    cross join as_of
    left join order_revenue
        on orders.order_id = order_revenue.order_id
    where cast(orders.ordered_at as date) <= as_of.as_of_date

)

select
    account_id,
    count(*) as completed_orders,
    sum(revenue_amount) as lifetime_revenue_amount,
    min(ordered_on) as first_order_on,
    max(ordered_on) as latest_order_on
from dated_orders
group by account_id
