{{ config(alias='leads') }}
-- Lands leads.csv (or the raw_schema table) into raw.leads as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
