-- new_leads: leads created per month (lead cohort by created_at).
with

leads_monthly as (

    select * from {{ ref('int_leads_monthly') }}

)

select
    month,
    leads
from leads_monthly
