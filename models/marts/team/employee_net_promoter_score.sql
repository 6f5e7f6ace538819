-- eNPS per month of responded_at: the NPS rule on employee_surveys, -100..100
-- (int_nps_survey_months, survey enps).
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
    promoters_pct,
    detractors_pct,
    score as enps_score
from survey_months
