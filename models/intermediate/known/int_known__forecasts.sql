-- Forecasts known at the as-of date: submitted on or before it.
-- A row without a submission date cannot be placed in time and is kept.
-- The cut is the contract's as_of rule for forecasts (macros/staging/crm_known.sql).
{{ crm_known_model('forecasts') }}
