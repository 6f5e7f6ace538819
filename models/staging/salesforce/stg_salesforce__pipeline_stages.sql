-- The contract's seven stages, always all of them (every opportunity's stage
-- must find its row), in the contract's order. is_closed / is_won follow from
-- the stage itself. default_probability of an open stage is the mean probability
-- of the Salesforce stages mapped to it (OpportunityStage.DefaultProbability
-- when supplied, else the opportunities' Probability), else the middle of the
-- probability band crm_contract_stage() maps to it; won 1, lost 0.
with

stage_labels as (

    select * from {{ ref('base_salesforce__stage_labels') }}

),

contract_stages as (

    {%- set contract_stages = [
        ('prospecting', 1, 0.1, 'false', 'false'),
        ('qualification', 2, 0.3, 'false', 'false'),
        ('demo', 3, 0.5, 'false', 'false'),
        ('proposal', 4, 0.7, 'false', 'false'),
        ('negotiation', 5, 0.9, 'false', 'false'),
        ('closed_won', 6, 1.0, 'true', 'true'),
        ('closed_lost', 7, 0.0, 'true', 'false'),
    ] %}
    {%- for stage, stage_order, band_probability, is_closed, is_won in contract_stages %}
        select
            '{{ stage }}' as stage,
            {{ stage_order }} as stage_order,
            {{ band_probability }} as band_probability,
            {{ is_closed }} as is_closed,
            {{ is_won }} as is_won
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

mapped_probabilities as (

    select
        stage,
        avg(probability) as probability,
        max(defined_by) as defined_by
    from stage_labels
    where probability is not null
    group by stage

)

select
    contract_stages.stage,
    cast(contract_stages.stage_order as {{ dbt.type_string() }}) as stage_order,
    cast(
        case
            when contract_stages.is_won then 1.0
            when contract_stages.is_closed then 0.0
            else greatest(0.0, least(1.0, coalesce(mapped_probabilities.probability, contract_stages.band_probability)))
        end as {{ dbt.type_string() }}
    ) as default_probability,
    cast(contract_stages.is_closed as {{ dbt.type_string() }}) as is_closed,
    cast(contract_stages.is_won as {{ dbt.type_string() }}) as is_won,
    'derived from ' || coalesce(mapped_probabilities.defined_by, 'the contract') as _source_file,
    contract_stages.stage_order as _source_row,
    false as _source_deleted
from contract_stages
left join mapped_probabilities
    on contract_stages.stage = mapped_probabilities.stage
