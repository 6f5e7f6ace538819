-- One row per HubSpot deal stage id with its metadata and the contract stage it
-- maps to. Won and closed come from the stage metadata, never from the label:
-- Fivetran's deal_pipeline_stage has closed_won and is_closed (older syncs
-- without is_closed: closed = closed_won); Airbyte's deal_pipelines.stages JSON
-- has metadata.isClosed and metadata.probability, and HubSpot gives a closed
-- stage probability 1 when it is won and 0 when it is lost. crm_contract_stage
-- (core) places open stages by label keywords, else by probability.
with

fivetran_stages as (

    select * from {{ source('hubspot', 'deal_pipeline_stage') }}

),

airbyte_pipelines as (

    select * from {{ source('hubspot', 'deal_pipeline') }}
    where nullif(trim(stages), '') is not null

),

fivetran_renamed as (

    select
        trim(stage_id) as stage_id,
        trim(pipeline_id) as pipeline_id,
        trim(label) as stage_label,
        try_cast(display_order as integer) as display_order,
        try_cast(probability as double) as probability,
        lower(trim(closed_won)) in ('true', '1', 't') as is_won,
        coalesce(
            lower(trim(is_closed)) in ('true', '1', 't'),
            lower(trim(closed_won)) in ('true', '1', 't')
        ) as is_closed,
        {{ hubspot_is_deleted(['_fivetran_deleted', 'fivetran_deleted']) }} as is_deleted,
        _source_file,
        _source_row
    from fivetran_stages

),

airbyte_unnested as (

    select
        coalesce(trim(pipeline_id), trim(id)) as pipeline_id,
        {{ hubspot_is_deleted(['archived', '_fivetran_deleted', 'fivetran_deleted']) }} as is_deleted,
        unnest(try_cast(stages as json[])) as stage,
        _source_file,
        _source_row
    from airbyte_pipelines

),

airbyte_renamed as (

    select
        stage ->> '$.stageId' as stage_id,
        pipeline_id,
        stage ->> '$.label' as stage_label,
        try_cast(stage ->> '$.displayOrder' as integer) as display_order,
        try_cast(stage ->> '$.metadata.probability' as double) as probability,
        lower(stage ->> '$.metadata.isClosed') = 'true'
        and try_cast(stage ->> '$.metadata.probability' as double) = 1 as is_won,
        lower(stage ->> '$.metadata.isClosed') = 'true' as is_closed,
        is_deleted,
        _source_file,
        _source_row
    from airbyte_unnested

),

unioned as (

    select * from fivetran_renamed
    union all
    select * from airbyte_renamed

),

deduplicated as (

    -- a stage id is unique in a HubSpot portal; a deleted duplicate gives way
    select *
    from unioned
    where nullif(stage_id, '') is not null
    qualify row_number() over (
        partition by stage_id
        order by is_deleted, _source_file, _source_row
    ) = 1

)

select
    stage_id,
    pipeline_id,
    stage_label,
    display_order,
    probability,
    coalesce(is_closed, false) as is_closed,
    coalesce(is_won, false) as is_won,
    {{ crm_contract_stage('stage_label', 'coalesce(is_closed, false)', 'coalesce(is_won, false)', 'probability') }}
        as contract_stage,
    is_deleted,
    _source_file,
    _source_row
from deduplicated
