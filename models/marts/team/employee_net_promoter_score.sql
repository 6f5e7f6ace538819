-- eNPS per month of responded_at: the NPS rule on employee_surveys, -100..100
-- (the counts: int_nps_survey_months, survey enps).
with

survey_months as (

    select * from {{ ref('int_nps_survey_months') }}
    where survey = 'enps'

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
from survey_months
