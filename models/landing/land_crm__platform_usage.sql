{{ config(alias='platform_usage') }}
-- Lands platform_usage.csv (or the raw_schema table) into raw.platform_usage as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
