-- mql_to_customer_rate: of the leads of the cohort month that reached mql (an
-- entry in stage mql), the share that reached stage customer in the history.
with

leads_monthly as (

    select * from {{ ref('int_leads_monthly') }}

)

select
    month,
    mql_leads,
    mql_customer_stage_leads as customer_stage_leads,
    {{ safe_pct('mql_customer_stage_leads', 'mql_leads') }} as conversion_rate_pct
from leads_monthly
