-- Competitor prices known at the as-of date: observed on or before it.
-- The cut is the contract's as_of rule for competitor_prices (macros/staging/crm_known.sql).
{{ crm_known_model('competitor_prices') }}
