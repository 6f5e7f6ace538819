{#- The first day of the calendar month of a date or timestamp, as a date. -#}
{% macro month_of(expression) -%}
    cast({{ dbt.date_trunc('month', expression) }} as date)
{%- endmacro %}
