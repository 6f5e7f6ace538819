-- One row per KPI: where its headline value lives. Generated from the `kpis`
-- meta of the mart models' YAML (macros/kpi/kpi_definitions.sql).
{%- set columns = ['kpi_id', 'name', 'domain', 'definition', 'formula', 'unit', 'model', 'column', 'grain', 'relation'] %}
{%- set kpis = kpi_definitions() %}

{% if kpis | length == 0 %}
    select
    {%- for column in columns %}
        cast(null as {{ dbt.type_string() }}) as {{ adapter.quote(column) }}{{ "," if not loop.last }}
    {%- endfor %}
    where false
{% else %}
    {% for kpi in kpis %}
        select
        {%- for column in columns %}
            cast('{{ kpi[column] | string | replace("'", "''") }}' as {{ dbt.type_string() }}) as {{ adapter.quote(column) }}{{ "," if not loop.last }}
        {%- endfor %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
{% endif %}
