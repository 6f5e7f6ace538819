-- Activities per won deal, per rep and month: the rep's activities (by
-- occurred_at) / the deals the rep owns (owner_rep_id) won in the month (by
-- close_date). NULL when the rep won nothing that month.
with

rep_types as (

    select * from {{ ref('int_activities_rep_types_monthly') }}

),

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}
    where is_won

),

rep_activities as (

    select
        month,
        rep_id,
        sum(activities) as activities
    from rep_types
    group by month, rep_id

),

won as (

    select
        close_month as month,
        owner_rep_id as rep_id,
        count(*) as deals_won
    from opportunities
    group by close_month, owner_rep_id

),

joined as (

    select
        rep_activities.month,
        rep_activities.rep_id,
        rep_activities.activities,
        coalesce(won.deals_won, 0) as deals_won
    from rep_activities
    left join won
        on rep_activities.month = won.month and rep_activities.rep_id = won.rep_id

)

select
    month,
    rep_id,
    activities,
    deals_won,
    {{ safe_divide('activities', 'deals_won') }} as activities_per_deal_won_ratio
from joined
