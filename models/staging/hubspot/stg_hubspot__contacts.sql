-- HubSpot contacts as contract contacts; the account is the contact's primary
-- company (associatedcompanyid), else its first associated company (Airbyte
-- `companies`).
with

contacts as (

    select * from {{ source('hubspot', 'contact') }}

),

renamed as (

    select
        trim(coalesce(id, contact_id)) as contact_id,
        trim(coalesce(property_associatedcompanyid, properties_associatedcompanyid)) as associated_company_id,
        {{ hubspot_json_first_id('companies') }} as first_company_id,
        trim(coalesce(property_firstname, properties_firstname)) as first_name,
        trim(coalesce(property_lastname, properties_lastname)) as last_name,
        trim(coalesce(property_email, properties_email)) as email,
        trim(coalesce(property_phone, properties_phone)) as phone,
        trim(coalesce(property_jobtitle, properties_jobtitle)) as job_title,
        coalesce(property_createdate, properties_createdate, created_at) as createdate,
        {{ hubspot_is_deleted(['is_deleted', '_fivetran_deleted', 'fivetran_deleted', 'archived']) }} as is_deleted,
        _source_file,
        _source_row
    from contacts

)

select
    contact_id,
    coalesce(nullif(associated_company_id, ''), first_company_id) as account_id,
    nullif(concat_ws(' ', nullif(first_name, ''), nullif(last_name, '')), '') as full_name,
    nullif(email, '') as email,
    nullif(phone, '') as phone,
    nullif(job_title, '') as job_title,
    {{ hubspot_timestamp('createdate') }} as created_at,
    _source_file,
    _source_row,
    is_deleted as _source_deleted
from renamed
