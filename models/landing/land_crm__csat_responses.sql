{{ config(alias='csat_responses') }}
-- Lands csat_responses.csv (or the raw_schema table) into raw.csat_responses as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
