-- Lead as the contract's leads. LeadSource maps to source by keywords (an
-- unknown value is left empty) and source to origin: web, paid, social, email
-- and event leads are marketing's, outbound, referral and partner leads sales'.
-- A lead owned by a queue (OwnerId not a user, 005...) has no owner rep. The
-- conversion is ConvertedAccountId and ConvertedDate. Leads carry no campaign
-- (that link is CampaignMember's, not read).
with

leads as (

    select * from {{ source('salesforce', 'lead') }}

),

renamed as (

    select
        {{ salesforce_column('id') }} as lead_id,
        {{ salesforce_column('created_date') }} as created_at,
        {{ salesforce_full_name() }} as full_name,
        {{ salesforce_column('email') }} as email,
        {{ salesforce_column('company') }} as company_name,
        {{ salesforce_keyword_map(salesforce_column('lead_source'), [
            ['partner', 'partner'],
            ['referr|word of mouth', 'referral'],
            ['advert|paid|ppc|adwords|cpc|display', 'paid'],
            ['social|linkedin|twitter|facebook', 'social'],
            ['e-?mail|newsletter', 'email'],
            ['event|trade ?show|seminar|webinar|conference', 'event'],
            ['purchased|list|cold|outbound', 'outbound'],
            ['web|inquiry|organic|seo|search|public relations', 'web'],
        ]) }} as source,
        {{ salesforce_id_of(salesforce_column('owner_id'), '005') }} as owner_rep_id,
        case
            when coalesce({{ salesforce_boolean(salesforce_column('is_converted')) }}, true)
                then {{ salesforce_column('converted_account_id') }}
        end as converted_account_id,
        case
            when coalesce({{ salesforce_boolean(salesforce_column('is_converted')) }}, true)
                then {{ salesforce_column('converted_date') }}
        end as converted_at,
        {{ salesforce_lineage('leads') }}
    from leads

)

select
    lead_id,
    created_at,
    full_name,
    email,
    company_name,
    source,
    case
        when source in ('web', 'paid', 'social', 'email', 'event') then 'marketing'
        when source in ('outbound', 'referral', 'partner') then 'sales'
    end as origin,
    cast(null as {{ dbt.type_string() }}) as campaign_id,
    owner_rep_id,
    converted_account_id,
    converted_at,
    _source_file,
    _source_row,
    _source_deleted
from renamed
