-- HubSpot deals as contract opportunities. The stage is the contract stage of
-- the deal's HubSpot stage id (base_hubspot__deal_stages, from the stage
-- metadata); a stage id with no metadata passes through as it is, so the core
-- rejects the deal (bad_enum) instead of guessing. close_date is kept for closed
-- deals only: on an open deal HubSpot's closedate is an expected date, not an
-- event. The account is the deal's primary company (Fivetran deal_company,
-- type_id 5), else its first associated company (Airbyte `companies`).
with

deals as (

    select * from {{ source('hubspot', 'deal') }}

),

deal_companies as (

    {{ hubspot_first_association(source('hubspot', 'deal_company'), 'deal_id', 'company_id', primary_type_id=5) }}

),

stages as (

    select * from {{ ref('base_hubspot__deal_stages') }}

),

renamed as (

    select
        trim(coalesce(deal_id, id, property_hs_object_id, properties_hs_object_id)) as opportunity_id,
        trim(coalesce(property_dealname, properties_dealname)) as opportunity_name,
        trim(coalesce(property_amount, properties_amount)) as amount,
        trim(coalesce(property_deal_currency_code, properties_deal_currency_code)) as deal_currency_code,
        coalesce(property_createdate, properties_createdate, created_at) as createdate,
        coalesce(property_closedate, properties_closedate) as closedate,
        trim(coalesce(deal_pipeline_stage_id, property_dealstage, properties_dealstage)) as stage_id,
        trim(coalesce(property_hubspot_owner_id, properties_hubspot_owner_id, owner_id)) as owner_id,
        lower(regexp_replace(coalesce(property_dealtype, properties_dealtype), '[^A-Za-z]', '', 'g')) as dealtype,
        {{ hubspot_json_first_id('companies') }} as first_company_id,
        {{ hubspot_is_deleted(['is_deleted', '_fivetran_deleted', 'fivetran_deleted', 'archived']) }} as is_deleted,
        _source_file,
        _source_row
    from deals

),

joined as (

    select
        renamed.*,
        stages.contract_stage,
        stages.is_closed,
        deal_companies.company_id
    from renamed
    left join stages
        on renamed.stage_id = stages.stage_id
    left join deal_companies
        on renamed.opportunity_id = deal_companies.deal_id

)

select
    opportunity_id,
    coalesce(company_id, first_company_id) as account_id,
    cast(null as varchar) as lead_id,
    nullif(owner_id, '') as owner_rep_id,
    opportunity_name,
    case dealtype
        when 'newbusiness' then 'new_business'
        when 'existingbusiness' then 'upsell'
        when 'upsell' then 'upsell'
        when 'crosssell' then 'cross_sell'
        when 'renewal' then 'renewal'
    end as deal_type,
    {{ hubspot_timestamp('createdate') }} as created_at,
    case when is_closed then {{ hubspot_date('closedate') }} end as close_date,
    coalesce(contract_stage, stage_id) as stage,
    nullif(amount, '') as amount,
    coalesce(nullif(deal_currency_code, ''), '{{ var("hubspot_default_currency", var("reporting_currency")) }}')
        as currency,
    _source_file,
    _source_row,
    is_deleted as _source_deleted
from joined
