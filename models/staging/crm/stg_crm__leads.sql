with

leads as (

    select * from {{ ref('base_crm__leads') }}
    where reject_reason is null

)

select
    lead_id,
    created_at,
    full_name,
    email,
    company_name,
    source,
    origin,
    campaign_id,
    owner_rep_id,
    converted_account_id,
    converted_at
from leads
