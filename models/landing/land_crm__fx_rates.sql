{{ config(alias='fx_rates') }}
-- Lands fx_rates.csv (or the raw_schema table) into raw.fx_rates as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
