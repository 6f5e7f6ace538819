-- RFM per account with completed orders (on or before the as-of date): recency
-- days from its latest completed order to the as-of date, frequency (completed
-- orders), monetary (revenue). Each score is ntile(5) over the accounts ordered
-- worst to best (most days, fewest orders, least revenue first; ties by
-- account_id ascending, so the lower id gets the lower score); 5 is best. The
-- segment comes from the rfm_segment_map seed (all 125 score combinations).
with

order_summary as (

    select * from {{ ref('int_account_order_summary') }}

),

as_of as (

    select as_of_date from {{ ref('int_as_of_date') }}

),

segments as (

    select * from {{ ref('rfm_segment_map') }}

),

measured as (

    select
        order_summary.account_id,
        order_summary.latest_order_on,
        {{ dbt.datediff('order_summary.latest_order_on', 'as_of.as_of_date', 'day') }} as recency_days,
        order_summary.completed_orders as frequency,
        order_summary.lifetime_revenue_amount as monetary_amount
    from order_summary
    cross join as_of

),

scored as (

    select
        *,
        ntile(5) over (order by recency_days desc, account_id asc) as r_score,
        ntile(5) over (order by frequency asc, account_id asc) as f_score,
        ntile(5) over (order by monetary_amount asc, account_id asc) as m_score
    from measured

)

select
    scored.account_id,
    scored.latest_order_on,
    scored.recency_days,
    scored.frequency,
    scored.monetary_amount,
    scored.r_score,
    scored.f_score,
    scored.m_score,
    segments.segment
from scored
left join segments
    on
        scored.r_score = segments.r_score
        and scored.f_score = segments.f_score
        and scored.m_score = segments.m_score
