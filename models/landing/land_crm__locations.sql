{{ config(alias='locations') }}
-- Lands locations.csv (or the raw_schema table) into raw.locations as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
