{#-
    A double-precision float (about 15 significant digits at any magnitude).
    Not dbt.type_float(): it renders `float`, a 4-byte float on DuckDB and Spark.
-#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'crm_kpi')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro duckdb__type_double() -%}
    double
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}
