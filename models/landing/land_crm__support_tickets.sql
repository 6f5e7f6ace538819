{{ config(alias='support_tickets') }}
-- Lands support_tickets.csv (or the raw_schema table) into raw.support_tickets as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
