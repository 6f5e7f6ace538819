{#-
    "As known on the as-of date", from the data contract's table meta `as_of`
    (macros/staging/crm_contract.sql): the date column that places a row of a
    table in time, and whether a row without it is kept.
-#}

{#- The condition that keeps a row of `table_name` (aliased `relation`) known at
    `as_of_relation`.known_through_date (int_as_of_date). -#}
{% macro crm_known_condition(table_name, relation, as_of_relation='as_of') -%}
    {%- set rule = crm_table(table_name).meta.get('as_of') -%}
    {%- if not rule -%}
        {{- exceptions.raise_compiler_error("Contract table '" ~ table_name ~ "' has no as_of rule") -}}
    {%- endif -%}
    {%- set dated = 'cast(' ~ relation ~ '.' ~ rule.column ~ ' as date) <= ' ~ as_of_relation ~ '.known_through_date' -%}
    {%- if rule.get('keep_undated') -%}
        ({{ relation }}.{{ rule.column }} is null or {{ dated }})
    {%- else -%}
        {{ dated }}
    {%- endif -%}
{%- endmacro %}


{#- The rows of stg_crm__<table_name> known at the as-of date: the whole model
    int_known__<table_name> of a table whose later events need no blanking. -#}
{% macro crm_known_model(table_name) %}
with

{{ table_name }} as (

    select * from {{ ref('stg_crm__' ~ table_name) }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

)

select {{ table_name }}.*
from {{ table_name }}
cross join as_of
where {{ crm_known_condition(table_name, table_name) }}
{% endmacro %}


{#- (table, column) of every contract column with meta `event`: the dates of
    things that happened, which bound the KPI months (int_event_dates). -#}
{% macro crm_event_columns() %}
    {%- set columns = [] -%}
    {%- for table_name in crm_tables() -%}
        {%- for column in crm_table(table_name).columns if column.meta.get('event') -%}
            {%- do columns.append((table_name, column.name)) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{- return(columns) -}}
{% endmacro %}
