{#-
    The fiscal calendar of var fiscal_year_start_month (1-12, default 1: the
    fiscal year is the calendar year). A fiscal year is named after the calendar
    year it ends in: with a July start, FY2026 runs from 2025-07-01 to
    2026-06-30; its quarters are three months each from the start month.
-#}
{% macro fiscal_year_start_month() -%}
    {%- set value = var('fiscal_year_start_month', 1) -%}
    {%- set month = value | int(0) -%}
    {%- if month < 1 or month > 12 or (value | string | trim) != (month | string) -%}
        {#- `exceptions` is dbt's; sqlfluff's templater (whose var() is a placeholder) lints with 1 -#}
        {%- if exceptions is not defined -%}
            {{ return(1) }}
        {%- endif -%}
        {{ exceptions.raise_compiler_error(
            "var fiscal_year_start_month must be a month number 1-12, got '" ~ value ~ "'") }}
    {%- endif -%}
    {{ return(month) }}
{%- endmacro %}

{#- Months to add to a date so that its fiscal year and quarter are the shifted date's calendar ones. -#}
{% macro fiscal_month_shift() -%}
    {{ return((13 - fiscal_year_start_month()) % 12) }}
{%- endmacro %}

{#- The fiscal year of a date (an integer: the calendar year the fiscal year ends in). -#}
{% macro fiscal_year(expression) -%}
    cast(extract(year from {{ dbt.dateadd('month', fiscal_month_shift(), expression) }}) as integer)
{%- endmacro %}

{#- The fiscal quarter of a date as text, its fiscal year first: 'FY2026-Q1' (sorts in time order). -#}
{% macro fiscal_quarter(expression) -%}
    {%- set shifted = dbt.dateadd('month', fiscal_month_shift(), expression) -%}
    {{ dbt.concat([
        "'FY'",
        "cast(extract(year from " ~ shifted ~ ") as " ~ dbt.type_string() ~ ")",
        "'-Q'",
        "cast(cast(floor((extract(month from " ~ shifted ~ ") - 1) / 3) + 1 as integer) as " ~ dbt.type_string() ~ ")",
    ]) }}
{%- endmacro %}
