-- NPS per month of responded_at: pct promoters (9-10) - pct detractors (0-6), -100..100.
{{ team_nps_monthly(ref('int_known__nps_responses'), 'nps_score') }}
