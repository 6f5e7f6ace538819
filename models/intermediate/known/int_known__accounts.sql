-- Accounts known at the as-of date: created on or before it (later ones do not exist yet).
-- A row without a creation date cannot be placed in time and is kept.
-- The cut is the contract's as_of rule for accounts (macros/staging/crm_known.sql).
{{ crm_known_model('accounts') }}
