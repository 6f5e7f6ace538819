-- CLV per month: ARPA x gross margin ratio / (customer churn rate / 100).
-- Complete months from the second month of the series (it needs the churn rate).
with

unit_economics as (

    select * from {{ ref('int_customer_unit_economics_monthly') }}
    where is_complete and has_start_snapshot

)

select
    month,
    arpa_amount,
    gross_margin_ratio,
    customer_churn_rate_pct,
    clv_amount
from unit_economics
