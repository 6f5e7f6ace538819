-- NPS per month of responded_at: pct promoters (9-10) - pct detractors (0-6),
-- -100..100 (int_nps_survey_months, survey nps).
with

survey_months as (

    select * from {{ ref('int_nps_survey_months') }}
    where survey = 'nps'

)

select
    month,
    responses,
    promoters,
    passives,
    detractors,
    promoters_pct,
    detractors_pct,
    score as nps_score
from survey_months
