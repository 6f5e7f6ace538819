-- Every month of the spine for each of the two NPS-rule surveys (nps:
-- nps_responses, enps: employee_surveys), with the responses of the month by
-- responded_at, their classes (0 counts in a month without responses), the
-- promoter and detractor shares and the score, pct promoters - pct detractors
-- (null without responses). The one place the NPS rule is applied
-- (macros/kpi/team_nps.sql), for net_promoter_score and employee_net_promoter_score.
with

months as (

    select * from {{ ref('int_months') }}

),

nps_responses as (

    select * from {{ ref('int_known__nps_responses') }}

),

employee_surveys as (

    select * from {{ ref('int_known__employee_surveys') }}

),

responses as (

    select
        'nps' as survey,
        responded_at,
        score
    from nps_responses
    union all
    select
        'enps' as survey,
        responded_at,
        score
    from employee_surveys

),

surveys as (

    select 'nps' as survey
    union all
    select 'enps' as survey

),

monthly_counts as (

    select
        survey,
        {{ month_of('responded_at') }} as month,
        {{ team_nps_counts('score') }}
    from responses
    group by survey, {{ month_of('responded_at') }}

),

survey_months as (

    select
        months.month,
        surveys.survey,
        coalesce(monthly_counts.responses, 0) as responses,
        coalesce(monthly_counts.promoters, 0) as promoters,
        coalesce(monthly_counts.passives, 0) as passives,
        coalesce(monthly_counts.detractors, 0) as detractors
    from months
    cross join surveys
    left join monthly_counts
        on
            months.month = monthly_counts.month
            and surveys.survey = monthly_counts.survey

)

select
    month,
    survey,
    responses,
    promoters,
    passives,
    detractors,
    {{ safe_pct('promoters', 'responses') }} as promoters_pct,
    {{ safe_pct('detractors', 'responses') }} as detractors_pct,
    {{ team_nps_score('promoters', 'detractors', 'responses') }} as score
from survey_months
