-- OpportunityHistory as the contract's opportunity_stage_history. Salesforce
-- writes a history row on every change of stage, amount, probability or close
-- date; a row is a stage entry only when its stage differs from the one before
-- (by CreatedDate) among the opportunity's live rows, so the others are not
-- stage history and are left out. Deleted rows are all kept (rejected as
-- deleted_in_source). A row's stage maps like the opportunity's: the label's
-- flags (base_salesforce__stage_labels), else its Probability, never its words
-- for closed or won.
with

history as (

    select * from {{ source('salesforce', 'opportunity_history') }}

),

stage_labels as (

    select * from {{ ref('base_salesforce__stage_labels') }}

),

renamed as (

    select
        {{ salesforce_column('id') }} as history_id,
        {{ salesforce_column('opportunity_id') }} as opportunity_id,
        {{ salesforce_column('stage_name') }} as stage_name,
        {{ salesforce_number(salesforce_column('probability')) }} / 100 as probability,
        {{ salesforce_column('created_date') }} as entered_at,
        {{ salesforce_lineage('history') }}
    from history

),

staged as (

    select
        renamed.*,
        case
            when renamed.stage_name is not null
                then {{ crm_contract_stage(
                    'renamed.stage_name',
                    'stage_labels.is_closed',
                    'stage_labels.is_won',
                    'coalesce(stage_labels.probability, renamed.probability)'
                ) }}
        end as stage
    from renamed
    left join stage_labels
        on renamed.stage_name = stage_labels.stage_label

),

sequenced as (

    select
        *,
        lag(stage) over (
            partition by opportunity_id, _source_deleted
            order by {{ safe_timestamp('entered_at') }}, _source_row
        ) as previous_stage
    from staged

)

select
    opportunity_id,
    stage,
    entered_at,
    _source_file,
    _source_row,
    _source_deleted
from sequenced
where
    _source_deleted
    or previous_stage is null
    or stage is null
    or stage <> previous_stage
