{{ config(alias='sales_reps') }}
-- Lands sales_reps.csv (or the raw_schema table) into raw.sales_reps as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
