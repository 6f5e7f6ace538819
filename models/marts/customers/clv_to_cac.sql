-- CLV / CAC per month, both as in their own views. Complete months from the
-- second month of the series (CLV needs the churn rate).
with

unit_economics as (

    select * from {{ ref('int_customer_unit_economics_monthly') }}
    where is_complete and has_start_snapshot

)

select
    month,
    clv_amount,
    cac_amount,
    {{ safe_divide('clv_amount', 'cac_amount') }} as clv_to_cac_ratio
from unit_economics
