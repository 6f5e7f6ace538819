{#- One row per month (column `month`, first day) from start_month to end_month, both included. -#}
{% macro month_series(start_month, end_month) -%}
    {{ return(date_series(start_month, end_month, 'month', 'month')) }}
{%- endmacro %}

{#- One row per `datepart` (day, month) from start_date to end_date, both included, as dates in `column_name`. -#}
{% macro date_series(start_date, end_date, datepart, column_name) -%}
    {{ return(adapter.dispatch('date_series', 'crm_kpi')(start_date, end_date, datepart, column_name)) }}
{%- endmacro %}

{% macro duckdb__date_series(start_date, end_date, datepart, column_name) -%}
    select cast(unnest(generate_series({{ start_date }}, {{ end_date }}, interval 1 {{ datepart }})) as date) as {{ column_name }}
{%- endmacro %}

{% macro spark__date_series(start_date, end_date, datepart, column_name) -%}
    select explode(sequence(cast({{ start_date }} as date), cast({{ end_date }} as date), interval 1 {{ datepart }})) as {{ column_name }}
{%- endmacro %}
