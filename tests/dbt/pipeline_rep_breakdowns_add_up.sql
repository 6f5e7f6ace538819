-- The per-rep breakdown views of the pipeline marts have one row per (month,
-- rep_id) and add up to their headline views, month by month. Returns the
-- months (and view) where they do not.
with

opportunities_by_rep as (

    select
        month,
        count(*) as pairs,
        count(distinct coalesce(rep_id, '<none>')) as distinct_reps,
        sum(opportunities_created) as total
    from {{ ref('opportunities_created_by_rep') }}
    group by month

),

deals_by_rep as (

    select
        month,
        count(*) as pairs,
        count(distinct coalesce(rep_id, '<none>')) as distinct_reps,
        sum(deals_won) as total
    from {{ ref('deals_won_by_rep') }}
    group by month

),

quotes_by_rep as (

    select
        month,
        count(*) as pairs,
        count(distinct coalesce(rep_id, '<none>')) as distinct_reps,
        sum(quotes_sent) as total
    from {{ ref('proposals_sent_by_rep') }}
    group by month

),

demos_by_rep as (

    select
        month,
        count(*) as pairs,
        count(distinct coalesce(rep_id, '<none>')) as distinct_reps,
        sum(demos) as total
    from {{ ref('product_demos_by_rep') }}
    group by month

),

checks as (

    select
        'opportunities_created' as view_name,
        headline.month,
        headline.opportunities_created as headline_total,
        coalesce(by_rep.total, 0) as by_rep_total,
        coalesce(by_rep.pairs, 0) as pairs,
        coalesce(by_rep.distinct_reps, 0) as distinct_reps
    from {{ ref('opportunities_created') }} as headline
    left join opportunities_by_rep as by_rep on headline.month = by_rep.month

    union all

    select
        'deals_won' as view_name,
        headline.month,
        headline.deals_won as headline_total,
        coalesce(by_rep.total, 0) as by_rep_total,
        coalesce(by_rep.pairs, 0) as pairs,
        coalesce(by_rep.distinct_reps, 0) as distinct_reps
    from {{ ref('deals_won') }} as headline
    left join deals_by_rep as by_rep on headline.month = by_rep.month

    union all

    select
        'proposals_sent' as view_name,
        headline.month,
        headline.quotes_sent as headline_total,
        coalesce(by_rep.total, 0) as by_rep_total,
        coalesce(by_rep.pairs, 0) as pairs,
        coalesce(by_rep.distinct_reps, 0) as distinct_reps
    from {{ ref('proposals_sent') }} as headline
    left join quotes_by_rep as by_rep on headline.month = by_rep.month

    union all

    select
        'product_demos' as view_name,
        headline.month,
        headline.demos as headline_total,
        coalesce(by_rep.total, 0) as by_rep_total,
        coalesce(by_rep.pairs, 0) as pairs,
        coalesce(by_rep.distinct_reps, 0) as distinct_reps
    from {{ ref('product_demos') }} as headline
    left join demos_by_rep as by_rep on headline.month = by_rep.month

)

select *
from checks
where
    headline_total <> by_rep_total
    or pairs <> distinct_reps
