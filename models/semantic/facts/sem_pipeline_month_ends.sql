-- The open pipeline at the end of every complete month, one row per month end
-- and opportunity open then (int_pipeline_month_end_snapshots): the row-grain
-- fact of pipeline_value and weighted_pipeline_value, a snapshot the semantic
-- layer reads at the period's last month end, by any dimension of the deal.

with

snapshots as (

    select * from {{ ref('int_pipeline_month_end_snapshots') }}

),

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}

)

select
    {{ dbt.concat([
        'snapshots.opportunity_id',
        "'-'",
        'cast(snapshots.month_end as ' ~ dbt.type_string() ~ ')',
    ]) }} as snapshot_id,
    snapshots.month_end,
    snapshots.opportunity_id,
    opportunities.account_id,
    snapshots.owner_rep_id as rep_id,
    snapshots.stage,
    snapshots.amount,
    snapshots.amount * snapshots.default_probability as weighted_amount
from snapshots
left join opportunities
    on snapshots.opportunity_id = opportunities.opportunity_id
