{{ config(alias='quotes') }}
-- Lands quotes.csv (or the raw_schema table) into raw.quotes as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
