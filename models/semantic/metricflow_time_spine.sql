-- MetricFlow's daily time spine: every day of the KPI months (int_months), so
-- that offset windows (revenue a month or a year earlier) end with the data
-- instead of running on into months nobody asked for. Each day carries its
-- fiscal year and quarter (var fiscal_year_start_month, macros/kpi/fiscal_calendar.sql),
-- MetricFlow's custom granularities fiscal_year and fiscal_quarter.
{{ config(materialized='table') }}

with

months as (

    select * from {{ ref('int_months') }}

),

bounds as (

    select
        min(month) as first_day,
        max(month_end) as last_day
    from months

),

days as (

    {{ date_series('(select first_day from bounds)', '(select last_day from bounds)', 'day', 'date_day') }}

)

select
    date_day,
    {{ fiscal_year('date_day') }} as fiscal_year,
    {{ fiscal_quarter('date_day') }} as fiscal_quarter
from days
