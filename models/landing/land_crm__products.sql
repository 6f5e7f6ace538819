{{ config(alias='products') }}
-- Lands products.csv (or the raw_schema table) into raw.products as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
