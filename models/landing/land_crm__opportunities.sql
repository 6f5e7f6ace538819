{{ config(alias='opportunities') }}
-- Lands opportunities.csv (or the raw_schema table) into raw.opportunities as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
