-- One row per KPI: where its headline value lives. Generated from the `kpis`
-- meta of the mart models' YAML (macros/kpi/kpi_definitions.sql).
{%- set columns = [
    'kpi_id', 'name', 'domain', 'definition', 'formula',
    'unit', 'model', 'column', 'grain', 'relation',
] %}

{% for kpi in kpi_definitions() %}
    select
    {%- for column in columns %}
        cast('{{ kpi[column] | string | replace("'", "''") }}' as {{ dbt.type_string() }}) as "{{ column }}"{{ "," if not loop.last }}
    {%- endfor %}
    union all
{% endfor %}
select
{%- for column in columns %}
        cast(null as {{ dbt.type_string() }}) as "{{ column }}"{{ "," if not loop.last }}
{%- endfor %}
where false
