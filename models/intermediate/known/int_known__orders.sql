-- Orders known at the as-of date: placed on or before it (status is the current one).
-- The cut is the contract's as_of rule for orders (macros/staging/crm_known.sql).
{{ crm_known_model('orders') }}
