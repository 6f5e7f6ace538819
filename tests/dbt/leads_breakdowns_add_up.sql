-- Identities of the leads marts (rows returned = failures):
-- the month rows of new_leads_by_source add up to new_leads, the latest-stage
-- rows of lifecycle_stage_distribution add up to all leads, and all months of
-- new_leads add up to those same leads (the as-of scope is the same).
with

new_leads as (

    select * from {{ ref('new_leads') }}

),

by_source as (

    select * from {{ ref('new_leads_by_source') }}

),

distribution as (

    select * from {{ ref('lifecycle_stage_distribution') }}

),

source_sums as (

    select
        month,
        sum(leads) as leads,
        count(*) as source_rows,
        count(distinct source) as sources
    from by_source
    group by month

),

source_mismatches as (

    select
        'new_leads_by_source' as check_name,
        cast(new_leads.month as {{ dbt.type_string() }}) as detail
    from new_leads
    left join source_sums
        on new_leads.month = source_sums.month
    where
        coalesce(source_sums.leads, -1) <> new_leads.leads
        or source_sums.source_rows <> source_sums.sources

),

stage_totals as (

    select
        sum(latest_stage_leads) as latest_stage_leads,
        max(total_leads) as total_leads,
        count(*) as stages
    from distribution

),

month_totals as (

    select sum(leads) as leads
    from new_leads

),

total_mismatches as (

    select
        'lifecycle_stage_distribution' as check_name,
        cast(stage_totals.latest_stage_leads as {{ dbt.type_string() }}) as detail
    from stage_totals
    cross join month_totals
    -- no rows at all: lifecycle_stage_distribution is unavailable (no lead_stage_history)
    where
        stage_totals.stages > 0
        and (
            stage_totals.stages <> 6
            or stage_totals.latest_stage_leads <> stage_totals.total_leads
            or stage_totals.total_leads <> month_totals.leads
        )

)

select * from source_mismatches
union all
select * from total_mismatches
