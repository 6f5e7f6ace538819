-- marketing_vs_sales_leads: per cohort month, leads by origin, the marketing
-- share of the leads with an origin, and the lead-to-customer rate per origin.
with

leads_monthly as (

    select * from {{ ref('int_leads_monthly') }}

)

select
    month,
    leads,
    marketing_leads,
    sales_leads,
    unknown_origin_leads,
    {{ safe_pct('marketing_leads', 'marketing_leads + sales_leads') }} as marketing_share_pct,
    marketing_customer_leads,
    sales_customer_leads,
    {{ safe_pct('marketing_customer_leads', 'marketing_leads') }} as marketing_conversion_rate_pct,
    {{ safe_pct('sales_customer_leads', 'sales_leads') }} as sales_conversion_rate_pct
from leads_monthly
