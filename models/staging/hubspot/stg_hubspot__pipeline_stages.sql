-- The contract's seven stages, derived from HubSpot's stage metadata: each
-- stage's default_probability is the mean probability of the HubSpot stages
-- that map to it (base_hubspot__deal_stages), else the middle of the band
-- crm_contract_stage uses for it (1 won, 0 lost). Lineage points at the first
-- vendor stage that maps to it; a stage no vendor stage maps to has none.
with

vendor_stages as (

    select * from {{ ref('base_hubspot__deal_stages') }}

),

contract_stages as (

    select stage_values.* from (
        values
        ('prospecting', 1, 0.1, false, false),
        ('qualification', 2, 0.3, false, false),
        ('demo', 3, 0.5, false, false),
        ('proposal', 4, 0.7, false, false),
        ('negotiation', 5, 0.9, false, false),
        ('closed_won', 6, 1.0, true, true),
        ('closed_lost', 7, 0.0, true, false)
    ) as stage_values (stage, stage_order, band_probability, is_closed, is_won)

),

mapped as (

    select
        contract_stage as stage,
        avg(probability) as mean_probability,
        arg_min(_source_file, _source_row) as _source_file,
        min(_source_row) as _source_row
    from vendor_stages
    group by contract_stage

)

select
    contract_stages.stage,
    cast(contract_stages.stage_order as varchar) as stage_order,
    cast(round(coalesce(mapped.mean_probability, contract_stages.band_probability), 4) as varchar)
        as default_probability,
    cast(contract_stages.is_closed as varchar) as is_closed,
    cast(contract_stages.is_won as varchar) as is_won,
    coalesce(mapped._source_file, 'hubspot adapter: no HubSpot stage maps here') as _source_file,
    mapped._source_row,
    false as _source_deleted
from contract_stages
left join mapped
    on contract_stages.stage = mapped.stage
