-- referrals: per month, referral leads (source referral, by created month),
-- new customers whose account's acquisition_source is referral, the revenue of
-- referral-based customers in the month and its share of the month's revenue.
with

months as (

    select * from {{ ref('int_months') }}

),

leads_monthly as (

    select * from {{ ref('int_leads_monthly') }}

),

acquisitions as (

    select * from {{ ref('int_customer_acquisitions') }}

),

order_lines as (

    select * from {{ ref('int_order_lines_completed') }}

),

referral_customers as (

    select
        account_id,
        acquisition_month
    from acquisitions
    where acquisition_source = 'referral'

),

new_referral_customers as (

    select
        acquisition_month as month,
        count(*) as referral_new_customers
    from referral_customers
    group by acquisition_month

),

revenue as (

    select
        order_lines.month,
        sum(order_lines.revenue_amount) as revenue_amount,
        sum(
            case when referral_customers.account_id is not null then order_lines.revenue_amount else 0 end
        ) as referral_revenue_amount,
        sum(
            case
                when referral_customers.acquisition_month = order_lines.month then order_lines.revenue_amount
                else 0
            end
        ) as new_referral_customer_revenue_amount
    from order_lines
    left join referral_customers
        on order_lines.account_id = referral_customers.account_id
    group by order_lines.month

),

monthly as (

    select
        months.month,
        coalesce(leads_monthly.referral_leads, 0) as referral_leads,
        coalesce(new_referral_customers.referral_new_customers, 0) as referral_new_customers,
        coalesce(revenue.referral_revenue_amount, 0) as referral_revenue_amount,
        coalesce(revenue.new_referral_customer_revenue_amount, 0) as new_referral_customer_revenue_amount,
        coalesce(revenue.revenue_amount, 0) as revenue_amount
    from months
    left join leads_monthly
        on months.month = leads_monthly.month
    left join new_referral_customers
        on months.month = new_referral_customers.month
    left join revenue
        on months.month = revenue.month

)

select
    month,
    referral_leads,
    referral_new_customers,
    referral_revenue_amount,
    new_referral_customer_revenue_amount,
    revenue_amount,
    {{ safe_pct('referral_revenue_amount', 'revenue_amount') }} as referral_revenue_share_pct
from monthly
