-- CAC payback: CAC / (ARPA x gross margin ratio), the months of gross margin a
-- new customer needs to repay its acquisition cost. Every complete month, the
-- first one included (it needs no churn rate).
with

unit_economics as (

    select * from {{ ref('int_customer_unit_economics_monthly') }}
    where is_complete

)

select
    month,
    cac_amount,
    arpa_amount,
    gross_margin_ratio,
    {{ safe_divide('cac_amount', 'arpa_amount * gross_margin_ratio') }} as cac_payback_months
from unit_economics
