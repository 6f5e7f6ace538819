-- Invoices known at the as-of date: issued on or before it (status is the current one).
-- The cut is the contract's as_of rule for invoices (macros/staging/crm_known.sql).
{{ crm_known_model('invoices') }}
