-- Every month of the spine for each of the two NPS-rule surveys (nps:
-- nps_responses, enps: employee_surveys), with the responses of the month by
-- responded_at and their classes (0 counts in a month without responses). The
-- one place the NPS rule counts (macros/kpi/team_nps.sql); the marts
-- net_promoter_score and employee_net_promoter_score score it.
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

)

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
