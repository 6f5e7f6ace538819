-- Platform usage known at the as-of date: days on or before it.
-- The cut is the contract's as_of rule for platform_usage (macros/staging/crm_known.sql).
{{ crm_known_model('platform_usage') }}
