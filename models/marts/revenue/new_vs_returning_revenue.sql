-- Revenue of new accounts (whose first completed order is in the month) vs the
-- others (returning), per month; returning share = returning / revenue * 100.
with

sales_monthly as (

    select * from {{ ref('int_sales_monthly') }}

),

order_lines as (

    select * from {{ ref('int_order_lines_completed') }}

),

acquisitions as (

    select * from {{ ref('int_customer_acquisitions') }}

),

first_orders as (

    select
        account_id,
        {{ month_of('first_completed_order_on') }} as first_order_month
    from acquisitions
    where first_completed_order_on is not null

),

new_accounts as (

    select
        first_order_month as month,
        count(*) as new_accounts
    from first_orders
    group by first_order_month

),

classified as (

    select
        order_lines.month,
        order_lines.account_id,
        order_lines.revenue_amount,
        coalesce(first_orders.first_order_month = order_lines.month, false) as is_new_account
    from order_lines
    left join first_orders
        on order_lines.account_id = first_orders.account_id

),

split as (

    select
        month,
        sum(case when is_new_account then revenue_amount else 0 end) as new_revenue_amount,
        sum(case when account_id is null then revenue_amount else 0 end) as unattributed_revenue_amount
    from classified
    group by month

),

joined as (

    select
        sales_monthly.month,
        sales_monthly.revenue_amount,
        coalesce(split.new_revenue_amount, 0) as new_revenue_amount,
        sales_monthly.revenue_amount - coalesce(split.new_revenue_amount, 0) as returning_revenue_amount,
        coalesce(split.unattributed_revenue_amount, 0) as unattributed_revenue_amount,
        sales_monthly.ordering_accounts,
        coalesce(new_accounts.new_accounts, 0) as new_accounts
    from sales_monthly
    left join split
        on sales_monthly.month = split.month
    left join new_accounts
        on sales_monthly.month = new_accounts.month

)

select
    month,
    revenue_amount,
    new_revenue_amount,
    returning_revenue_amount,
    unattributed_revenue_amount,
    ordering_accounts,
    new_accounts,
    ordering_accounts - new_accounts as returning_accounts,
    {{ safe_pct('new_revenue_amount', 'revenue_amount') }} as new_share_pct,
    {{ safe_pct('returning_revenue_amount', 'revenue_amount') }} as returning_share_pct
from joined
