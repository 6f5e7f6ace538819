-- Subscription customers and MRR per complete month: the start (end of M-1)
-- and end snapshots, the MRR movements, churned customers, ARPA and the
-- customer churn rate. has_start_snapshot is false in the first month of the
-- series: KPIs comparing with the previous snapshot start at the second month.
with

months as (

    select * from {{ ref('int_months') }}
    where is_complete

),

snapshots as (

    select * from {{ ref('int_account_mrr_snapshots') }}

),

new_customers as (

    select * from {{ ref('int_new_customers_monthly') }}

),

first_month as (

    select min(month) as first_month from {{ ref('int_months') }}

),

monthly as (

    select
        month,
        count(case when is_active_start then 1 end) as customers_start,
        count(case when is_active_end then 1 end) as customers_end,
        count(case when is_active_start and not is_active_end then 1 end) as churned_customers,
        sum(mrr_start_amount) as mrr_start_amount,
        sum(mrr_end_amount) as mrr_end_amount,
        sum(new_mrr_amount) as new_mrr_amount,
        sum(expansion_mrr_amount) as expansion_mrr_amount,
        sum(contraction_mrr_amount) as contraction_mrr_amount,
        sum(churned_mrr_amount) as churned_mrr_amount,
        count(case when mrr_movement = 'new' then 1 end) as new_mrr_accounts,
        count(case when mrr_movement = 'expansion' then 1 end) as expansion_mrr_accounts,
        count(case when mrr_movement = 'contraction' then 1 end) as contraction_mrr_accounts,
        count(case when mrr_movement = 'churned' then 1 end) as churned_mrr_accounts
    from snapshots
    group by month

),

filled as (

    select
        months.month,
        months.month_end,
        months.month > first_month.first_month as has_start_snapshot,
        coalesce(monthly.customers_start, 0) as customers_start,
        coalesce(monthly.customers_end, 0) as customers_end,
        coalesce(monthly.churned_customers, 0) as churned_customers,
        coalesce(new_customers.new_customers, 0) as new_customers,
        coalesce(monthly.mrr_start_amount, 0) as mrr_start_amount,
        coalesce(monthly.mrr_end_amount, 0) as mrr_end_amount,
        coalesce(monthly.new_mrr_amount, 0) as new_mrr_amount,
        coalesce(monthly.expansion_mrr_amount, 0) as expansion_mrr_amount,
        coalesce(monthly.contraction_mrr_amount, 0) as contraction_mrr_amount,
        coalesce(monthly.churned_mrr_amount, 0) as churned_mrr_amount,
        coalesce(monthly.new_mrr_accounts, 0) as new_mrr_accounts,
        coalesce(monthly.expansion_mrr_accounts, 0) as expansion_mrr_accounts,
        coalesce(monthly.contraction_mrr_accounts, 0) as contraction_mrr_accounts,
        coalesce(monthly.churned_mrr_accounts, 0) as churned_mrr_accounts
    from months
    cross join first_month
    left join monthly
        on months.month = monthly.month
    left join new_customers
        on months.month = new_customers.month

)

select
    month,
    month_end,
    has_start_snapshot,
    customers_start,
    customers_end,
    churned_customers,
    new_customers,
    mrr_start_amount,
    mrr_end_amount,
    new_mrr_amount,
    expansion_mrr_amount,
    contraction_mrr_amount,
    churned_mrr_amount,
    new_mrr_accounts,
    expansion_mrr_accounts,
    contraction_mrr_accounts,
    churned_mrr_accounts,
    {{ safe_divide('mrr_end_amount', 'customers_end') }} as arpa_amount,
    case
        when has_start_snapshot then {{ safe_pct('churned_customers', 'customers_start') }}
    end as customer_churn_rate_pct
from filled
