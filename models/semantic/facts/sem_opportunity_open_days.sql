-- One row per opportunity per day it is open, over the days of the time spine
-- up to the as-of date: from its created_at's UTC date through its close_date
-- (both included), or through the as-of date while it is open. The row-grain
-- fact of close_ratio's denominator: the distinct opportunities with a row in a
-- period are the ones open at some time in it, as int_opportunities_monthly
-- counts them per month (created on or before the month's last day and not
-- closed before its first). A view: its rows are opportunities x open days.

with

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}

),

as_of as (

    select as_of_date from {{ ref('int_as_of_date') }}

),

days as (

    select date_day from {{ ref('metricflow_time_spine') }}

)

select
    opportunities.opportunity_id,
    days.date_day as open_on,
    opportunities.account_id,
    opportunities.owner_rep_id as rep_id
from opportunities
cross join as_of
inner join days
    on
        days.date_day >= opportunities.created_on
        and days.date_day <= coalesce(opportunities.close_date, as_of.as_of_date)
        and days.date_day <= as_of.as_of_date
