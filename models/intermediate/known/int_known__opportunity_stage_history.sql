-- Opportunity stage entries known at the as-of date: entered on or before it.
-- The cut is the contract's as_of rule for opportunity_stage_history (macros/staging/crm_known.sql).
{{ crm_known_model('opportunity_stage_history') }}
