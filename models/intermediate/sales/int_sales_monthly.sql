-- Completed sales per month of the spine: revenue, units, completed orders and
-- ordering accounts (0 in months without orders). Shared by sales_revenue,
-- units_sold, order_count, average_order_value, the growth rates,
-- avg_revenue_per_account and the share columns of the breakdown views.
with

months as (

    select * from {{ ref('int_months') }}

),

order_lines as (

    select * from {{ ref('int_order_lines_completed') }}

),

orders as (

    select * from {{ ref('int_known__orders') }}
    where status = 'completed'

),

lines_monthly as (

    select
        month,
        sum(revenue_amount) as revenue_amount,
        sum(quantity) as units
    from order_lines
    group by month

),

orders_monthly as (

    -- counted from the orders themselves: a completed order whose lines are
    -- all missing still counts as an order (with 0 revenue)
    select
        {{ month_of('ordered_at') }} as month,
        count(*) as order_count,
        count(distinct account_id) as ordering_accounts
    from orders
    group by {{ month_of('ordered_at') }}

)

select
    months.month,
    coalesce(lines_monthly.revenue_amount, 0) as revenue_amount,
    coalesce(lines_monthly.units, 0) as units,
    coalesce(orders_monthly.order_count, 0) as order_count,
    coalesce(orders_monthly.ordering_accounts, 0) as ordering_accounts
from months
left join lines_monthly
    on months.month = lines_monthly.month
left join orders_monthly
    on months.month = orders_monthly.month
