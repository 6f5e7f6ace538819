with

platform_usage as (

    select * from {{ ref('base_crm__platform_usage') }}
    where reject_reason is null

)

select
    account_id,
    usage_date,
    active_minutes
from platform_usage
