-- The per-account side of CLV: the historical value of each customer account,
-- its lifetime revenue (completed orders on or before the as-of date; 0 when
-- none). The monthly, predictive CLV is customer_lifetime_value.
with

acquisitions as (

    select * from {{ ref('int_customer_acquisitions') }}

),

order_summary as (

    select * from {{ ref('int_account_order_summary') }}

),

as_of as (

    select as_of_date from {{ ref('int_as_of_date') }}

)

select
    acquisitions.account_id,
    acquisitions.acquisition_date,
    coalesce(order_summary.completed_orders, 0) as completed_orders,
    coalesce(order_summary.lifetime_revenue_amount, 0) as lifetime_revenue_amount
from acquisitions
cross join as_of
left join order_summary
    on acquisitions.account_id = order_summary.account_id
where acquisitions.acquisition_date <= as_of.as_of_date
