-- Revenue of completed orders per month and rep (the order's rep_id). Every rep
-- employed at some time in the month appears (0 when they sold nothing), and
-- so does any rep with sales; orders without a rep get a row with rep_id null.
with

months as (

    select * from {{ ref('int_months') }}

),

sales_monthly as (

    select * from {{ ref('int_sales_monthly') }}

),

order_lines as (

    select * from {{ ref('int_order_lines_completed') }}

),

sales_reps as (

    select * from {{ ref('int_known__sales_reps') }}

),

sold as (

    select
        month,
        rep_id,
        sum(quantity) as units,
        sum(revenue_amount) as revenue_amount
    from order_lines
    group by month, rep_id

),

rep_months as (

    select
        months.month,
        sales_reps.rep_id
    from months
    inner join sales_reps
        on
            (sales_reps.hire_date is null or sales_reps.hire_date <= months.month_end)
            and (sales_reps.termination_date is null or sales_reps.termination_date >= months.month)

    union

    select
        sold.month,
        sold.rep_id
    from sold
    inner join months
        on sold.month = months.month

)

select
    rep_months.month,
    rep_months.rep_id,
    coalesce(sold.units, 0) as units,
    coalesce(sold.revenue_amount, 0) as revenue_amount,
    {{ safe_pct('coalesce(sold.revenue_amount, 0)', 'sales_monthly.revenue_amount') }} as share_of_month_revenue_pct
from rep_months
left join sold
    on
        rep_months.month = sold.month
        and rep_months.rep_id is not distinct from sold.rep_id
left join sales_monthly
    on rep_months.month = sales_monthly.month
