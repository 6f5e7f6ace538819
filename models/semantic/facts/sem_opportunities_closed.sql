-- Closed opportunities (stage closed_won or closed_lost) whose close_date falls
-- in a month of the spine, one row per opportunity: the row-grain fact of the
-- semantic layer's win rate, deal size, cycle lengths and demo-to-close rate,
-- with the won / lost / demo flags as 0/1 counts. The same opportunities, days
-- and flags int_opportunities_monthly sums into the pipeline marts.

with

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}
    where is_closed

),

activity_summaries as (

    select * from {{ ref('int_opportunity_activities_summarized') }}

),

months as (

    select * from {{ ref('int_months') }}

)

select
    opportunities.opportunity_id,
    opportunities.account_id,
    opportunities.owner_rep_id as rep_id,
    opportunities.deal_type,
    opportunities.close_date,
    opportunities.amount,
    case when opportunities.is_won then 1 else 0 end as is_won,
    case when opportunities.is_lost then 1 else 0 end as is_lost,
    opportunities.cycle_days,
    activity_summaries.days_from_start_to_close,
    case when activity_summaries.has_demo then 1 else 0 end as has_demo
from opportunities
inner join months
    on opportunities.close_month = months.month
left join activity_summaries
    on opportunities.opportunity_id = activity_summaries.opportunity_id
