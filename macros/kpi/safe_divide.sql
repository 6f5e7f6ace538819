{#- numerator / denominator as a double; null when the denominator is 0 or null. -#}
{% macro safe_divide(numerator, denominator) -%}
    cast({{ numerator }} as double) / nullif({{ denominator }}, 0)
{%- endmacro %}

{#- numerator / denominator * 100; null when the denominator is 0 or null. -#}
{% macro safe_pct(numerator, denominator) -%}
    100.0 * {{ safe_divide(numerator, denominator) }}
{%- endmacro %}
