with

accounts as (

    select * from {{ ref('base_crm__accounts') }}
    where reject_reason is null

)

select
    account_id,
    account_name,
    industry,
    region,
    country,
    created_at,
    owner_rep_id,
    acquisition_source,
    referred_by_account_id
from accounts
