{{ config(alias='opportunity_stage_history') }}
-- Lands opportunity_stage_history.csv (or the raw_schema table) into raw.opportunity_stage_history as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
