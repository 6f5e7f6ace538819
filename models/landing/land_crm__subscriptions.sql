{{ config(alias='subscriptions') }}
-- Lands subscriptions.csv (or the raw_schema table) into raw.subscriptions as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
