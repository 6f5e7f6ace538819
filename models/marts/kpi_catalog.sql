-- One row per KPI: where its headline value lives. Generated from the `kpis`
-- meta of the mart models' YAML (macros/kpi/kpi_definitions.sql). A table: its
-- 81 rows are constants, and as a view its ~40 KB of SQL text is more than a Hive
-- metastore (Spark) stores for a view.
{{ config(materialized='table') }}
{%- set columns = [
    'kpi_id', 'name', 'domain', 'definition', 'formula',
    'unit', 'model', 'column', 'grain', 'relation',
] %}

{% for kpi in kpi_definitions() %}
    select
    {%- for column in columns %}
        cast('{{ dbt.escape_single_quotes(kpi[column] | string) }}' as {{ dbt.type_string() }}) as {{ adapter.quote(column) }}{{ "," if not loop.last }}
    {%- endfor %}
    union all
{% endfor %}
select
{%- for column in columns %}
        cast(null as {{ dbt.type_string() }}) as {{ adapter.quote(column) }}{{ "," if not loop.last }}
{%- endfor %}
where false
