-- lead_conversion_rate: leads of the cohort month whose converted account is a
-- customer / leads of the month * 100.
with

leads_monthly as (

    select * from {{ ref('int_leads_monthly') }}

)

select
    month,
    leads,
    customer_leads,
    {{ safe_pct('customer_leads', 'leads') }} as conversion_rate_pct
from leads_monthly
