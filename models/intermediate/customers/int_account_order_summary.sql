-- Per account with completed orders ordered on or before the as-of date (the
-- known orders): its completed orders, lifetime revenue and first and latest
-- order dates. RFM, customer outcomes and the per-account historical value read
-- it. An order without lines still counts as an order, revenue 0.
with

orders as (

    select * from {{ ref('int_known__orders') }}
    where status = 'completed' and account_id is not null

),

order_lines as (

    select * from {{ ref('int_order_lines_completed') }}

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
    left join order_revenue
        on orders.order_id = order_revenue.order_id

)

select
    account_id,
    count(*) as completed_orders,
    sum(revenue_amount) as lifetime_revenue_amount,
    min(ordered_on) as first_order_on,
    max(ordered_on) as latest_order_on
from dated_orders
group by account_id
