{{ config(alias='accounts') }}
-- Lands accounts.csv (or the raw_schema table) into raw.accounts as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
