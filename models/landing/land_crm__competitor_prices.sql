{{ config(alias='competitor_prices') }}
-- Lands competitor_prices.csv (or the raw_schema table) into raw.competitor_prices as text:
-- the landed_table materialization (macros/materializations/landed_table.sql).
