{{ config(alias='invoices') }}
-- Lands invoices.csv (or the raw_schema table) into raw.invoices as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
