{#-
    dbt-duckdb 1.11 and dbt-spark implement dbt.safe_cast as a plain CAST, which
    fails on the first bad value. Every engine used here has a real try-cast.
-#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro spark__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
