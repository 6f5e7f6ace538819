{{ config(alias='lead_stage_history') }}
-- Lands lead_stage_history.csv (or the raw_schema table) into raw.lead_stage_history as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
