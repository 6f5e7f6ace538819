-- Expenses known at the as-of date: expense months starting on or before it
-- (the as-of month's expenses are known from its first day).
-- The cut is the contract's as_of rule for sales_marketing_expenses (macros/staging/crm_known.sql).
{{ crm_known_model('sales_marketing_expenses') }}
