-- eNPS per month of responded_at: the NPS rule on employee_surveys, -100..100.
{{ team_nps_monthly(ref('int_known__employee_surveys'), 'enps_score') }}
