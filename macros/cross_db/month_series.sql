{#- One row per month (column `month`, first day) from start_month to end_month, both included. -#}
{% macro month_series(start_month, end_month) -%}
    {{ return(adapter.dispatch('month_series', 'crm_kpi')(start_month, end_month)) }}
{%- endmacro %}

{% macro duckdb__month_series(start_month, end_month) -%}
    select cast(unnest(generate_series({{ start_month }}, {{ end_month }}, interval 1 month)) as date) as month
{%- endmacro %}

{% macro spark__month_series(start_month, end_month) -%}
    select explode(sequence({{ start_month }}, {{ end_month }}, interval 1 month)) as month
{%- endmacro %}
