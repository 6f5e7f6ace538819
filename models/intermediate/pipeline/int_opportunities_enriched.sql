-- Opportunities with their stage flags, dates and amount in the reporting
-- currency (close_date rate when closed, else created_at: see staging).
with

opportunities as (

    select * from {{ ref('int_known__opportunities') }}

),

stages as (

    select * from {{ ref('stg_crm__pipeline_stages') }}

)

select
    opportunities.opportunity_id,
    opportunities.account_id,
    opportunities.lead_id,
    opportunities.owner_rep_id,
    opportunities.deal_type,
    opportunities.stage,
    opportunities.created_at,
    cast(opportunities.created_at as date) as created_on,
    {{ month_of('opportunities.created_at') }} as created_month,
    opportunities.close_date,
    {{ month_of('opportunities.close_date') }} as close_month,
    opportunities.amount_reporting as amount,
    opportunities.stage = 'closed_won' as is_won,
    opportunities.stage = 'closed_lost' as is_lost,
    opportunities.stage in ('closed_won', 'closed_lost') as is_closed,
    case
        when opportunities.stage in ('closed_won', 'closed_lost')
            then {{ dbt.datediff('cast(opportunities.created_at as date)', 'opportunities.close_date', 'day') }}
    end as cycle_days,
    stages.stage_order,
    stages.default_probability
from opportunities
left join stages
    on opportunities.stage = stages.stage
