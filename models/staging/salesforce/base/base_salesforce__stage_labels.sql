-- One row per Salesforce stage label (Opportunity.StageName values) with its
-- IsClosed / IsWon flags, probability (0..1) and contract stage. The flags come
-- from OpportunityStage when it is supplied; labels it lacks take them from the
-- opportunities currently in that stage. Never from the label's words.
with

opportunity_stages as (

    select * from {{ source('salesforce', 'opportunity_stage') }}

),

opportunities as (

    select * from {{ source('salesforce', 'opportunity') }}

),

declared as (

    select
        coalesce({{ salesforce_column('master_label') }}, {{ salesforce_column('api_name') }}) as stage_label,
        {{ salesforce_boolean(salesforce_column('is_closed')) }} as is_closed,
        {{ salesforce_boolean(salesforce_column('is_won')) }} as is_won,
        {{ salesforce_number(salesforce_column('default_probability')) }} / 100 as probability,
        {{ salesforce_number(salesforce_column('sort_order')) }} as sort_order,
        {{ salesforce_lineage('opportunity_stages', has_is_deleted=false) }}
    from opportunity_stages

),

declared_labels as (

    select
        stage_label,
        max(case when is_closed then 1 when not is_closed then 0 end) = 1 as is_closed,
        max(case when is_won then 1 when not is_won then 0 end) = 1 as is_won,
        avg(probability) as probability,
        min(sort_order) as sort_order
    from declared
    where stage_label is not null and not _source_deleted
    group by stage_label

),

observed as (

    select
        {{ salesforce_column('stage_name') }} as stage_label,
        {{ salesforce_boolean(salesforce_column('is_closed')) }} as is_closed,
        {{ salesforce_boolean(salesforce_column('is_won')) }} as is_won,
        {{ salesforce_number(salesforce_column('probability')) }} / 100 as probability,
        {{ salesforce_lineage('opportunities') }}
    from opportunities

),

observed_labels as (

    select
        stage_label,
        max(case when is_closed then 1 when not is_closed then 0 end) = 1 as is_closed,
        max(case when is_won then 1 when not is_won then 0 end) = 1 as is_won,
        avg(probability) as probability,
        cast(null as {{ dbt.type_numeric() }}) as sort_order
    from observed
    where
        stage_label is not null
        and not _source_deleted
        and stage_label not in (select declared_labels.stage_label from declared_labels)
    group by stage_label

),

labels as (

    select
        *,
        'opportunity_stage' as defined_by
    from declared_labels
    union all
    select
        *,
        'opportunity' as defined_by
    from observed_labels

)

select
    stage_label,
    is_closed,
    is_won,
    probability,
    sort_order,
    defined_by,
    {{ crm_contract_stage('stage_label', 'is_closed', 'is_won', 'probability') }} as stage
from labels
