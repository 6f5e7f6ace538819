-- Identities between the pipeline marts: closed = won + lost; the open
-- pipeline of weighted_pipeline_value is pipeline_value's; the weighted amount
-- never exceeds the open amount (probabilities are 0..1); demo deals are a
-- subset of the closed ones; time_in_stage counts one open stay per
-- opportunity with history. Returns the offending rows.
with

win_rate as (

    select * from {{ ref('win_rate') }}

),

pipeline_value as (

    select * from {{ ref('pipeline_value') }}

),

weighted as (

    select * from {{ ref('weighted_pipeline_value') }}

),

demo_to_close as (

    select * from {{ ref('demo_to_close_rate') }}

),

time_in_stage as (

    select * from {{ ref('time_in_stage') }}

),

stays as (

    select * from {{ ref('int_opportunity_stage_stays') }}

),

weighted_rows as (

    -- weighted_pipeline_value also needs opportunity_stage_history: without it the
    -- view has no rows (unavailable) and there is nothing to compare
    select count(*) as row_count from weighted

)

select
    'closed is won + lost' as identity,
    cast(month as {{ dbt.type_string() }}) as at_key
from win_rate
where closed_deals <> won_deals + lost_deals

union all

select
    'weighted open pipeline is pipeline_value' as identity,
    cast(weighted.month as {{ dbt.type_string() }}) as at_key
from weighted
full outer join pipeline_value
    on weighted.month = pipeline_value.month
cross join weighted_rows
where
    weighted_rows.row_count > 0
    and (
        weighted.month is null
        or pipeline_value.month is null
        or weighted.open_opportunities <> pipeline_value.open_opportunities
        or abs(weighted.open_pipeline_amount - pipeline_value.open_pipeline_amount) > 0.01
        or weighted.weighted_pipeline_amount > weighted.open_pipeline_amount + 0.01
        or weighted.historical_weighted_pipeline_amount > weighted.open_pipeline_amount + 0.01
    )

union all

select
    'demo deals are closed deals' as identity,
    cast(demo_to_close.month as {{ dbt.type_string() }}) as at_key
from demo_to_close
inner join win_rate
    on demo_to_close.month = win_rate.month
where
    demo_to_close.closed_with_demo > win_rate.closed_deals
    or demo_to_close.won_with_demo > win_rate.won_deals

union all

select
    'one open stay per opportunity' as identity,
    'all stages' as at_key
from time_in_stage
having sum(opportunities_in_stage_now) <> (select count(distinct opportunity_id) from stays)
