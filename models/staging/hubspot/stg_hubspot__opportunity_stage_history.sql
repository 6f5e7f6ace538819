-- Fivetran's deal_stage history as contract stage entries: each row is a stage
-- a deal entered (value = the HubSpot stage id) at date_entered. The stage maps
-- through the stage metadata like the deal's current stage; an unknown stage id
-- passes through and is rejected (bad_enum). Entries of a deleted deal are
-- rejected by the core as orphans of the rejected deal.
with

history as (

    select * from {{ source('hubspot', 'deal_stage') }}

),

stages as (

    select * from {{ ref('base_hubspot__deal_stages') }}

),

renamed as (

    select
        trim(deal_id) as opportunity_id,
        trim(value) as stage_id,
        coalesce(date_entered, _fivetran_start, fivetran_start) as date_entered,
        _source_file,
        _source_row
    from history

)

select
    renamed.opportunity_id,
    coalesce(stages.contract_stage, renamed.stage_id) as stage,
    {{ hubspot_timestamp('renamed.date_entered') }} as entered_at,
    renamed._source_file,
    renamed._source_row,
    false as _source_deleted
from renamed
left join stages
    on renamed.stage_id = stages.stage_id
