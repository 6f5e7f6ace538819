with

contacts as (

    select * from {{ ref('base_crm__contacts') }}
    where reject_reason is null

)

select
    contact_id,
    account_id,
    full_name,
    email,
    phone,
    job_title,
    created_at
from contacts
