-- Opportunity counts and sums per month of the spine (0 when none), the one
-- place the pipeline marts count deals: created by created_at month; open at
-- any time in the month; won / lost / closed by close_date month with their
-- amounts, cycle days, days from first touch and demo flags. Ratios and means
-- are computed in the marts from these counts.
with

months as (

    select * from {{ ref('int_months') }}

),

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}

),

activity_summaries as (

    select * from {{ ref('int_opportunity_activities_summarized') }}

),

created as (

    select
        created_month as month,
        count(*) as opportunities_created
    from opportunities
    group by created_month

),

open_in_month as (

    -- created on or before the month's last day, and still open (no
    -- close_date) or closed on or after its first day
    select
        months.month,
        count(*) as opportunities_open_in_month
    from months
    inner join opportunities
        on
            opportunities.created_on <= months.month_end
            and (opportunities.close_date is null or opportunities.close_date >= months.month)
    group by months.month

),

closed as (

    select
        opportunities.close_month as month,
        sum(case when opportunities.is_won then 1 else 0 end) as won_deals,
        sum(case when opportunities.is_lost then 1 else 0 end) as lost_deals,
        count(*) as closed_deals,
        sum(case when opportunities.is_won then opportunities.amount end) as won_amount,
        sum(case when opportunities.is_won then opportunities.cycle_days end) as won_cycle_days_sum,
        sum(opportunities.cycle_days) as closed_cycle_days_sum,
        sum(
            case when opportunities.is_won then activity_summaries.days_from_start_to_close end
        ) as won_days_from_start_sum,
        sum(case when activity_summaries.has_demo then 1 else 0 end) as closed_with_demo,
        sum(
            case when activity_summaries.has_demo and opportunities.is_won then 1 else 0 end
        ) as won_with_demo
    from opportunities
    left join activity_summaries
        on opportunities.opportunity_id = activity_summaries.opportunity_id
    where opportunities.is_closed and opportunities.close_month is not null
    group by opportunities.close_month

)

select
    months.month,
    months.month_end,
    coalesce(created.opportunities_created, 0) as opportunities_created,
    coalesce(open_in_month.opportunities_open_in_month, 0) as opportunities_open_in_month,
    coalesce(closed.won_deals, 0) as won_deals,
    coalesce(closed.lost_deals, 0) as lost_deals,
    coalesce(closed.closed_deals, 0) as closed_deals,
    coalesce(closed.won_amount, 0) as won_amount,
    coalesce(closed.won_cycle_days_sum, 0) as won_cycle_days_sum,
    coalesce(closed.closed_cycle_days_sum, 0) as closed_cycle_days_sum,
    coalesce(closed.won_days_from_start_sum, 0) as won_days_from_start_sum,
    coalesce(closed.closed_with_demo, 0) as closed_with_demo,
    coalesce(closed.won_with_demo, 0) as won_with_demo
from months
left join created
    on months.month = created.month
left join open_in_month
    on months.month = open_in_month.month
left join closed
    on months.month = closed.month
