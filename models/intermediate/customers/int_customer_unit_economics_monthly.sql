-- Unit economics per month of the spine: CAC (all sales and marketing
-- expenses of the month / new customers of the month), and for complete months
-- ARPA (MRR at end / subscription customers at end), the gross margin ratio of
-- the completed order lines ordered in M-11..M, the customer churn rate and CLV
-- = ARPA x gross margin ratio / (churn rate / 100). CAC, CLV, CLV:CAC and CAC
-- payback all read it, so each formula lives here once.
with

months as (

    select * from {{ ref('int_months') }}

),

expenses as (

    select * from {{ ref('int_known__sales_marketing_expenses') }}

),

new_customers as (

    select * from {{ ref('int_new_customers_monthly') }}

),

subscription_metrics as (

    select * from {{ ref('int_subscription_metrics_monthly') }}

),

order_lines as (

    -- lines whose cost is known (a product without unit_cost, or without a
    -- rate for its currency, has a null cost_amount and no margin to count)
    select * from {{ ref('int_order_lines_completed') }}
    where cost_amount is not null

),

monthly_expenses as (

    select
        {{ month_of('expense_month') }} as month,
        sum(amount_reporting) as expenses_amount
    from expenses
    group by {{ month_of('expense_month') }}

),

monthly_margin as (

    select
        month,
        sum(revenue_amount) as revenue_amount,
        sum(cost_amount) as cost_amount
    from order_lines
    group by month

),

trailing_margin as (

    -- the 12 months ending with M: M-11..M
    select
        months.month,
        sum(monthly_margin.revenue_amount) as revenue_12m_amount,
        sum(monthly_margin.cost_amount) as cost_12m_amount
    from months
    inner join monthly_margin
        on
            monthly_margin.month <= months.month
            and monthly_margin.month >= cast({{ dbt.dateadd('month', -11, 'months.month') }} as date)
    group by months.month

),

combined as (

    select
        months.month,
        months.is_complete,
        coalesce(subscription_metrics.has_start_snapshot, false) as has_start_snapshot,
        coalesce(monthly_expenses.expenses_amount, 0) as expenses_amount,
        coalesce(new_customers.new_customers, 0) as new_customers,
        subscription_metrics.arpa_amount,
        subscription_metrics.customer_churn_rate_pct,
        trailing_margin.revenue_12m_amount,
        trailing_margin.cost_12m_amount,
        {{ safe_divide(
            'trailing_margin.revenue_12m_amount - trailing_margin.cost_12m_amount',
            'trailing_margin.revenue_12m_amount'
        ) }} as gross_margin_ratio
    from months
    left join monthly_expenses
        on months.month = monthly_expenses.month
    left join new_customers
        on months.month = new_customers.month
    left join subscription_metrics
        on months.month = subscription_metrics.month
    left join trailing_margin
        on months.month = trailing_margin.month

)

select
    month,
    is_complete,
    has_start_snapshot,
    expenses_amount,
    new_customers,
    {{ safe_divide('expenses_amount', 'new_customers') }} as cac_amount,
    arpa_amount,
    revenue_12m_amount,
    cost_12m_amount,
    gross_margin_ratio,
    customer_churn_rate_pct,
    {{ safe_divide('arpa_amount * gross_margin_ratio', 'customer_churn_rate_pct / 100.0') }} as clv_amount
from combined
