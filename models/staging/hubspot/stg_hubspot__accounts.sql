-- HubSpot companies as contract accounts. acquisition_source comes from the
-- company's original traffic source (hs_analytics_source): REFERRALS is
-- referral, the online sources are inbound, anything else (OFFLINE, custom
-- values) stays unknown.
with

companies as (

    select * from {{ source('hubspot', 'company') }}

),

renamed as (

    select
        trim(coalesce(id, company_id)) as account_id,
        trim(coalesce(property_name, properties_name)) as account_name,
        trim(coalesce(property_industry, properties_industry)) as industry,
        trim(coalesce(property_country, properties_country)) as country,
        coalesce(property_createdate, properties_createdate, created_at) as createdate,
        trim(coalesce(property_hubspot_owner_id, properties_hubspot_owner_id)) as owner_id,
        upper(trim(coalesce(property_hs_analytics_source, properties_hs_analytics_source))) as analytics_source,
        {{ hubspot_is_deleted(['is_deleted', '_fivetran_deleted', 'fivetran_deleted', 'archived']) }} as is_deleted,
        _source_file,
        _source_row
    from companies

)

select
    account_id,
    account_name,
    industry,
    cast(null as varchar) as region,
    country,
    {{ hubspot_timestamp('createdate') }} as created_at,
    nullif(owner_id, '') as owner_rep_id,
    case
        when analytics_source = 'REFERRALS' then 'referral'
        when analytics_source in (
            'ORGANIC_SEARCH', 'PAID_SEARCH', 'EMAIL_MARKETING', 'SOCIAL_MEDIA',
            'PAID_SOCIAL', 'DIRECT_TRAFFIC', 'OTHER_CAMPAIGNS', 'AI_REFERRALS'
        ) then 'inbound'
    end as acquisition_source,
    cast(null as varchar) as referred_by_account_id,
    _source_file,
    _source_row,
    is_deleted as _source_deleted
from renamed
