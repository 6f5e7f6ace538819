with

months as (

    select * from {{ ref('int_months') }}

),

csat_responses as (

    select * from {{ ref('int_known__csat_responses') }}

),

monthly_counts as (

    select
        {{ month_of('responded_at') }} as month,
        count(score) as responses,
        count(case when score >= 4 then 1 end) as satisfied_responses,
        sum(score) as score_total
    from csat_responses
    group by {{ month_of('responded_at') }}

),

months_with_counts as (

    select
        months.month,
        coalesce(monthly_counts.responses, 0) as responses,
        coalesce(monthly_counts.satisfied_responses, 0) as satisfied_responses,
        coalesce(monthly_counts.score_total, 0) as score_total
    from months
    left join monthly_counts
        on months.month = monthly_counts.month

)

select
    month,
    responses,
    satisfied_responses,
    {{ safe_pct('satisfied_responses', 'responses') }} as csat_pct,
    {{ safe_divide('score_total', 'responses') }} as mean_score
from months_with_counts
