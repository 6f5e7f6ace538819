{{ config(alias='quotas') }}
-- Lands quotas.csv (or the raw_schema table) into raw.quotas as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
