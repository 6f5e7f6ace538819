with

months as (

    select * from {{ ref('int_months') }}

),

employee_surveys as (

    select * from {{ ref('stg_crm__employee_surveys') }}

),

monthly_counts as (

    select
        {{ month_of('responded_at') }} as month,
        {{ team_nps_counts('score') }}
    from employee_surveys
    group by {{ month_of('responded_at') }}

),

months_with_counts as (

    select
        months.month,
        coalesce(monthly_counts.responses, 0) as responses,
        coalesce(monthly_counts.promoters, 0) as promoters,
        coalesce(monthly_counts.passives, 0) as passives,
        coalesce(monthly_counts.detractors, 0) as detractors
    from months
    left join monthly_counts
        on months.month = monthly_counts.month

)

select
    month,
    responses,
    promoters,
    passives,
    detractors,
    {{ safe_pct('promoters', 'responses') }} as promoters_pct,
    {{ safe_pct('detractors', 'responses') }} as detractors_pct,
    {{ team_nps_score('promoters', 'detractors', 'responses') }} as enps_score
from months_with_counts
