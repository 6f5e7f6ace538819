-- Won amount of each rep's own deals per quota or forecast period: the one
-- "actual" that quota attainment, commission, quota recommendation and forecast
-- accuracy compare with. A period is a distinct (rep_id, period_start,
-- period_end) of quotas or forecasts; a deal counts when its owner_rep_id is
-- the rep and its close_date falls in the period, both ends included. Each
-- deal keeps its own close_date rate (int_opportunities_enriched.amount).
with

quotas as (

    select * from {{ ref('stg_crm__quotas') }}

),

forecasts as (

    select * from {{ ref('int_known__forecasts') }}

),

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}

),

periods as (

    select
        rep_id,
        period_start,
        period_end
    from quotas

    union

    select
        rep_id,
        period_start,
        period_end
    from forecasts

),

won_deals as (

    select
        opportunity_id,
        owner_rep_id,
        close_date,
        amount
    from opportunities
    where is_won

)

select
    periods.rep_id,
    periods.period_start,
    periods.period_end,
    count(won_deals.opportunity_id) as won_deals,
    coalesce(sum(won_deals.amount), 0) as won_amount
from periods
left join won_deals
    on
        periods.rep_id = won_deals.owner_rep_id
        and won_deals.close_date between periods.period_start and periods.period_end
group by
    periods.rep_id,
    periods.period_start,
    periods.period_end
