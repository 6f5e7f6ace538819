{{ config(alias='nps_responses') }}
-- Lands nps_responses.csv (or the raw_schema table) into raw.nps_responses as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
