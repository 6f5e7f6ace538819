-- Pipeline value at each complete month end: opportunities open on the
-- month's last day, count and amount in the reporting currency.
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
        sum(amount) as open_pipeline_amount
    from snapshots
    group by month

)

select
    months.month,
    months.month_end,
    coalesce(totals.open_opportunities, 0) as open_opportunities,
    coalesce(totals.open_pipeline_amount, 0) as open_pipeline_amount
from months
left join totals
    on months.month = totals.month
