{{ config(alias='order_lines') }}
-- Lands order_lines.csv (or the raw_schema table) into raw.order_lines as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
