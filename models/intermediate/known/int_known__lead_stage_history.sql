-- Lead stage entries known at the as-of date: entered on or before it.
-- The cut is the contract's as_of rule for lead_stage_history (macros/staging/crm_known.sql).
{{ crm_known_model('lead_stage_history') }}
