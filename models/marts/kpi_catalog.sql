-- One row per KPI: where its headline value lives, and whether this build's data
-- supports it. Generated from the `kpis` meta of the mart models' YAML
-- (macros/kpi/kpi_definitions.sql). A table: its 81 rows are constants, and as a
-- view its ~40 KB of SQL text is more than a Hive metastore (Spark) stores for a view.
{{ config(materialized='table') }}
{%- set columns = [
    'kpi_id', 'name', 'domain', 'definition', 'formula',
    'unit', 'model', 'column', 'grain', 'relation', 'requires',
    'better', 'featured_tab', 'featured_as', 'featured_rank',
] %}
{%- set kpis = kpi_definitions() %}
{%- set data_types = {'featured_rank': dbt.type_int()} %}

with

definitions as (

    {% for kpi in kpis %}
    select
        {%- for column in columns %}
        {%- set value = 'null' if kpi[column] is none else "'" ~ dbt.escape_single_quotes(kpi[column] | string) ~ "'" %}
        cast({{ value }} as {{ data_types.get(column, dbt.type_string()) }}) as {{ adapter.quote(column) }}{{ "," if not loop.last }}
        {%- endfor %}
    union all
    {% endfor %}
    select
    {%- for column in columns %}
            cast(null as {{ data_types.get(column, dbt.type_string()) }}) as {{ adapter.quote(column) }}
            {{- "," if not loop.last }}
    {%- endfor %}
    where 1 = 0

),

requirements as (

    {% for kpi in kpis %}{% for table_name in kpi.needs_list %}
    select
        cast('{{ kpi.kpi_id }}' as {{ dbt.type_string() }}) as kpi_id,
        cast('{{ table_name }}' as {{ dbt.type_string() }}) as table_name
    union all
    {% endfor %}{% endfor %}
    select
        cast(null as {{ dbt.type_string() }}) as kpi_id,
        cast(null as {{ dbt.type_string() }}) as table_name
    where 1 = 0

),

landed as (

    select
        object_name as table_name,
        supplied
    from {{ source('crm', 'landed_objects') }}
    where source_name = 'crm'

),

missing as (

    select
        requirements.kpi_id,
        {{ dbt.listagg('requirements.table_name', "', '", 'order by requirements.table_name') }} as missing_tables
    from requirements
    inner join landed
        on requirements.table_name = landed.table_name
    where not landed.supplied
    group by requirements.kpi_id

)

select
    {%- for column in columns %}
        definitions.{{ adapter.quote(column) }},
    {%- endfor %}
    missing.kpi_id is null as available,
    missing.missing_tables as needs
from definitions
left join missing
    on definitions.kpi_id = missing.kpi_id
