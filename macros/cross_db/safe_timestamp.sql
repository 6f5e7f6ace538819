{#-
    Parses an ISO-8601 text timestamp into a timestamp without time zone, in UTC.
    A value without an offset is UTC; a value with one (Z, +02:00) is shifted to UTC.
    Unparsable values give null.
-#}
{% macro safe_timestamp(field) -%}
    {{ return(adapter.dispatch('safe_timestamp', 'crm_kpi')(field)) }}
{%- endmacro %}

{% macro default__safe_timestamp(field) -%}
    {{ dbt.safe_cast(field, api.Column.translate_type('timestamp')) }}
{%- endmacro %}

{% macro duckdb__safe_timestamp(field) -%}
    (try_cast({{ field }} as timestamptz) at time zone 'UTC')
{%- endmacro %}

{% macro spark__safe_timestamp(field) -%}
    to_utc_timestamp(try_to_timestamp({{ field }}), 'UTC')
{%- endmacro %}


{#- True when the whole of a text value matches a regular expression. -#}
{% macro matches_pattern(field, pattern) -%}
    {{ return(adapter.dispatch('matches_pattern', 'crm_kpi')(field, pattern)) }}
{%- endmacro %}

{% macro default__matches_pattern(field, pattern) -%}
    ({{ field }} rlike '^{{ pattern }}$')
{%- endmacro %}

{% macro duckdb__matches_pattern(field, pattern) -%}
    regexp_full_match({{ field }}, '{{ pattern }}')
{%- endmacro %}
