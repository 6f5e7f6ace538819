{#- The activity_type values of the data contract, in contract order. -#}
{% macro activities_activity_types() -%}
    {{ return(crm_enum_values('activities', 'activity_type')) }}
{%- endmacro %}

{#- The social_kind values of the data contract (social_engagement activities only). -#}
{% macro activities_social_kinds() -%}
    {{ return(crm_enum_values('activities', 'social_kind')) }}
{%- endmacro %}

{#- The touches_bucket labels of conversion_by_touches, in order. -#}
{% macro activities_touches_buckets() -%}
    {{ return(['1', '2-4', '5-9', '10+']) }}
{%- endmacro %}

{#- Rows of a single-column relation `column_name` holding each value of a list (for grids). -#}
{% macro activities_values_relation(values, column_name) -%}
    {%- for value in values %}
    select {{ dbt.string_literal(value) }} as {{ column_name }}
    {%- if not loop.last %} union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- Elapsed time from start_ts to end_ts in fractional minutes (millisecond precision). dbt.datediff
    is parenthesised: on Spark it expands to a sum of terms. -#}
{% macro activities_elapsed_minutes(start_ts, end_ts) -%}
    (({{ dbt.datediff(start_ts, end_ts, 'millisecond') }}) / 60000.0)
{%- endmacro %}

{#- Elapsed time from start_ts to end_ts in fractional hours (millisecond precision). -#}
{% macro activities_elapsed_hours(start_ts, end_ts) -%}
    (({{ dbt.datediff(start_ts, end_ts, 'millisecond') }}) / 3600000.0)
{%- endmacro %}
