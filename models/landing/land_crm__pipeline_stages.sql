{{ config(alias='pipeline_stages') }}
-- Lands pipeline_stages.csv (or the raw_schema table) into raw.pipeline_stages as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
