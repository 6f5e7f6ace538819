{{ config(alias='activities') }}
-- Lands activities.csv (or the raw_schema table) into raw.activities as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
