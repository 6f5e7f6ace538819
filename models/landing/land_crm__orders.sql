{{ config(alias='orders') }}
-- Lands orders.csv (or the raw_schema table) into raw.orders as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
