{{ config(alias='commission_plans') }}
-- Lands commission_plans.csv (or the raw_schema table) into raw.commission_plans as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
