{{ config(alias='forecasts') }}
-- Lands forecasts.csv (or the raw_schema table) into raw.forecasts as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
