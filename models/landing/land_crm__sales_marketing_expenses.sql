{{ config(alias='sales_marketing_expenses') }}
-- Lands sales_marketing_expenses.csv (or the raw_schema table) into raw.sales_marketing_expenses as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
