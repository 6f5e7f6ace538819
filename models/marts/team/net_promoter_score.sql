-- NPS per month of responded_at: pct promoters (9-10) - pct detractors (0-6),
-- -100..100 (the counts: int_nps_survey_months, survey nps).
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
    {{ safe_pct('promoters', 'responses') }} as promoters_pct,
    {{ safe_pct('detractors', 'responses') }} as detractors_pct,
    {{ team_nps_score('promoters', 'detractors', 'responses') }} as nps_score
from survey_months
