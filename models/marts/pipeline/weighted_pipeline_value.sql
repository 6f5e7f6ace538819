-- Weighted pipeline value at each complete month end: the open amount of each
-- opportunity open on the month's last day times the probability of the stage
-- it was in then, twice: the stage's default_probability (headline) and the
-- stage's historical win rate at that month end.
with

months as (

    select * from {{ ref('int_months') }}
    where is_complete

),

snapshots as (

    select * from {{ ref('int_pipeline_month_end_snapshots') }}

),

totals as (

    select
        month,
        count(*) as open_opportunities,
        sum(amount) as open_pipeline_amount,
        sum(amount * default_probability) as weighted_pipeline_amount,
        sum(amount * historical_win_rate) as historical_weighted_pipeline_amount,
        sum(case when historical_win_rate is null then 1 else 0 end) as opportunities_without_historical_rate
    from snapshots
    group by month

)

select
    months.month,
    months.month_end,
    coalesce(totals.open_opportunities, 0) as open_opportunities,
    coalesce(totals.open_pipeline_amount, 0) as open_pipeline_amount,
    coalesce(totals.weighted_pipeline_amount, 0) as weighted_pipeline_amount,
    -- null when open opportunities exist but none is in a stage with a win rate yet
    case
        when coalesce(totals.open_opportunities, 0) = 0 then 0
        else totals.historical_weighted_pipeline_amount
    end as historical_weighted_pipeline_amount,
    coalesce(totals.opportunities_without_historical_rate, 0) as opportunities_without_historical_rate
from months
left join totals
    on months.month = totals.month
