-- Touch system: per deal_outcome (won, lost), closed deals and the mean number
-- of activities carrying their opportunity_id (any time, any direction), deals
-- with none included; in total and for calls, emails, meetings
-- (meeting + video_meeting) and demos.
with

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}
    where is_closed

),

activities as (

    select * from {{ ref('int_known__activities') }}
    where opportunity_id is not null

),

outcomes as (

    {{ activities_values_relation(['won', 'lost'], 'deal_outcome') }}

),

per_deal as (

    select
        opportunities.opportunity_id,
        case when opportunities.is_won then 'won' else 'lost' end as deal_outcome,
        count(activities.activity_id) as activities,
        count(case when activities.activity_type = 'call' then 1 end) as calls,
        count(case when activities.activity_type = 'email' then 1 end) as emails,
        count(case when activities.activity_type in ('meeting', 'video_meeting') then 1 end) as meetings,
        count(case when activities.activity_type = 'demo' then 1 end) as demos
    from opportunities
    left join activities
        on opportunities.opportunity_id = activities.opportunity_id
    group by opportunities.opportunity_id, opportunities.is_won

),

per_outcome as (

    select
        deal_outcome,
        count(*) as closed_deals,
        sum(activities) as activities,
        sum(calls) as calls,
        sum(emails) as emails,
        sum(meetings) as meetings,
        sum(demos) as demos
    from per_deal
    group by deal_outcome

),

filled as (

    select
        outcomes.deal_outcome,
        coalesce(per_outcome.closed_deals, 0) as closed_deals,
        coalesce(per_outcome.activities, 0) as activities,
        coalesce(per_outcome.calls, 0) as calls,
        coalesce(per_outcome.emails, 0) as emails,
        coalesce(per_outcome.meetings, 0) as meetings,
        coalesce(per_outcome.demos, 0) as demos
    from outcomes
    left join per_outcome
        on outcomes.deal_outcome = per_outcome.deal_outcome

)

select
    deal_outcome,
    closed_deals,
    activities,
    calls,
    emails,
    meetings,
    demos,
    {{ safe_divide('activities', 'closed_deals') }} as activities_per_deal_ratio,
    {{ safe_divide('calls', 'closed_deals') }} as calls_per_deal_ratio,
    {{ safe_divide('emails', 'closed_deals') }} as emails_per_deal_ratio,
    {{ safe_divide('meetings', 'closed_deals') }} as meetings_per_deal_ratio,
    {{ safe_divide('demos', 'closed_deals') }} as demos_per_deal_ratio
from filled
