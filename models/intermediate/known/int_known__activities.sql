-- Activities known at the as-of date: those that occurred on or before it.
-- The cut is the contract's as_of rule for activities (macros/staging/crm_known.sql).
{{ crm_known_model('activities') }}
