-- Employee survey responses known at the as-of date: answered on or before it.
-- The cut is the contract's as_of rule for employee_surveys (macros/staging/crm_known.sql).
{{ crm_known_model('employee_surveys') }}
