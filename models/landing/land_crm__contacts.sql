{{ config(alias='contacts') }}
-- Lands contacts.csv (or the raw_schema table) into raw.contacts as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
