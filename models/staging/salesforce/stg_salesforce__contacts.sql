-- Contact as the contract's contacts.
with

contacts as (

    select * from {{ source('salesforce', 'contact') }}

)

select
    {{ salesforce_column('id') }} as contact_id,
    {{ salesforce_column('account_id') }} as account_id,
    {{ salesforce_full_name() }} as full_name,
    {{ salesforce_column('email') }} as email,
    {{ salesforce_column('phone') }} as phone,
    {{ salesforce_column('title') }} as job_title,
    {{ salesforce_column('created_date') }} as created_at,
    {{ salesforce_lineage('contacts') }}
from contacts
