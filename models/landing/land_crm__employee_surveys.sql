{{ config(alias='employee_surveys') }}
-- Lands employee_surveys.csv (or the raw_schema table) into raw.employee_surveys as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
