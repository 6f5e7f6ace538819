-- Lifecycle stages derived from Lead (Salesforce keeps no lifecycle history on
-- the Lead itself): every lead entered `lead` at CreatedDate; a converted lead
-- entered `opportunity` at ConvertedDate when the conversion made an
-- opportunity, else `sql`; and `customer` at the CloseDate of that opportunity
-- when it was won. Each entry points at its Lead row.
with

leads as (

    select * from {{ source('salesforce', 'lead') }}

),

opportunities as (

    select * from {{ ref('stg_salesforce__opportunities') }}

),

renamed as (

    select
        {{ salesforce_column('id') }} as lead_id,
        {{ salesforce_column('created_date') }} as created_at,
        coalesce({{ salesforce_boolean(salesforce_column('is_converted')) }}, true) as is_converted,
        {{ salesforce_column('converted_date') }} as converted_at,
        {{ salesforce_column('converted_opportunity_id') }} as converted_opportunity_id,
        {{ salesforce_lineage('leads') }}
    from leads

),

won_opportunities as (

    select
        opportunity_id,
        close_date
    from opportunities
    where stage = 'closed_won' and not _source_deleted

),

entries as (

    select
        lead_id,
        'lead' as stage,
        created_at as entered_at,
        _source_file,
        _source_row,
        _source_deleted
    from renamed

    union all

    select
        lead_id,
        case when converted_opportunity_id is not null then 'opportunity' else 'sql' end as stage,
        converted_at as entered_at,
        _source_file,
        _source_row,
        _source_deleted
    from renamed
    where is_converted and converted_at is not null

    union all

    select
        renamed.lead_id,
        'customer' as stage,
        won_opportunities.close_date as entered_at,
        renamed._source_file,
        renamed._source_row,
        renamed._source_deleted
    from renamed
    inner join won_opportunities
        on renamed.converted_opportunity_id = won_opportunities.opportunity_id
    where renamed.is_converted

)

select * from entries
