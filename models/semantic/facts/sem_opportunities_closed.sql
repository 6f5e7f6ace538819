-- Closed opportunities (stage closed_won or closed_lost) whose close_date falls
-- in a month of the spine, one row per opportunity: the row-grain fact of the
-- semantic layer's win rate, with the won / lost flags as 0/1 counts. The same
-- opportunities int_opportunities_monthly counts into marts.win_rate.
{{ config(materialized='table', schema='semantic') }}

with

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}
    where is_closed

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
    case when opportunities.is_lost then 1 else 0 end as is_lost
from opportunities
inner join months
    on opportunities.close_month = months.month
