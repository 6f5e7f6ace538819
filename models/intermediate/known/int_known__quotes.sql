-- Quotes known at the as-of date: sent on or before it (status is the current one).
-- The cut is the contract's as_of rule for quotes (macros/staging/crm_known.sql).
{{ crm_known_model('quotes') }}
