-- Opportunity as the contract's opportunities. Stage: crm_contract_stage() over
-- the row's StageName, IsClosed, IsWon and Probability (flags missing on the row
-- come from the stage's label, base_salesforce__stage_labels). CloseDate is
-- Salesforce's expected close date while a deal is open: the contract wants null
-- then, so it is kept only for closed deals. lead_id is the Lead converted into
-- the opportunity (Lead.ConvertedOpportunityId).
with

opportunities as (

    select * from {{ source('salesforce', 'opportunity') }}

),

leads as (

    select * from {{ source('salesforce', 'lead') }}

),

stage_labels as (

    select * from {{ ref('base_salesforce__stage_labels') }}

),

renamed as (

    select
        {{ salesforce_column('id') }} as opportunity_id,
        {{ salesforce_column('account_id') }} as account_id,
        {{ salesforce_column('owner_id') }} as owner_rep_id,
        {{ salesforce_column('name') }} as opportunity_name,
        {{ salesforce_column('type') }} as opportunity_type,
        {{ salesforce_column('created_date') }} as created_at,
        {{ salesforce_column('close_date') }} as close_date,
        {{ salesforce_column('stage_name') }} as stage_name,
        {{ salesforce_boolean(salesforce_column('is_closed')) }} as is_closed,
        {{ salesforce_boolean(salesforce_column('is_won')) }} as is_won,
        {{ salesforce_number(salesforce_column('probability')) }} / 100 as probability,
        {{ salesforce_column('amount') }} as amount,
        upper(coalesce({{ salesforce_column('currency_iso_code') }}, {{ salesforce_default_currency() }})) as currency,
        {{ salesforce_lineage('opportunities') }}
    from opportunities

),

lead_conversions as (

    select
        {{ salesforce_column('converted_opportunity_id') }} as opportunity_id,
        min({{ salesforce_column('id') }}) as lead_id
    from leads
    where
        {{ salesforce_column('converted_opportunity_id') }} is not null
        and coalesce({{ salesforce_boolean(salesforce_column('is_deleted')) }}, false) = false
    group by {{ salesforce_column('converted_opportunity_id') }}

),

staged as (

    select
        renamed.*,
        case
            when renamed.stage_name is not null or renamed.is_closed is not null
                then {{ crm_contract_stage(
                    'renamed.stage_name',
                    'coalesce(renamed.is_closed, stage_labels.is_closed)',
                    'coalesce(renamed.is_won, stage_labels.is_won)',
                    'coalesce(renamed.probability, stage_labels.probability)'
                ) }}
        end as stage
    from renamed
    left join stage_labels
        on renamed.stage_name = stage_labels.stage_label

)

select
    staged.opportunity_id,
    staged.account_id,
    lead_conversions.lead_id,
    staged.owner_rep_id,
    staged.opportunity_name,
    {{ salesforce_keyword_map('staged.opportunity_type', [
        ['renew', 'renewal'],
        ['cross', 'cross_sell'],
        ['upsell|upgrade|expansion|add-on', 'upsell'],
        ['new', 'new_business'],
    ]) }} as deal_type,
    staged.created_at,
    case
        when staged.stage in ('closed_won', 'closed_lost') then {{ salesforce_date('staged.close_date') }}
    end as close_date,
    staged.stage,
    staged.amount,
    staged.currency,
    staged._source_file,
    staged._source_row,
    staged._source_deleted
from staged
left join lead_conversions
    on staged.opportunity_id = lead_conversions.opportunity_id
