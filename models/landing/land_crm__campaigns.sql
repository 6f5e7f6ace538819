{{ config(alias='campaigns') }}
-- Lands campaigns.csv (or the raw_schema table) into raw.campaigns as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
