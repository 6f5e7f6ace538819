-- sql_to_customer_rate: of the leads of the cohort month that reached sql (an
-- entry in stage sql), the share that reached stage customer in the history.
with

leads_monthly as (

    select * from {{ ref('int_leads_monthly') }}

)

select
    month,
    sql_leads,
    sql_customer_stage_leads as customer_stage_leads,
    {{ safe_pct('sql_customer_stage_leads', 'sql_leads') }} as conversion_rate_pct
from leads_monthly
