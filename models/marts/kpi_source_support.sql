-- Which KPIs each source of raw data can support at best: a KPI is supported by a
-- source when every contract table it needs (kpi_catalog.requires) is one the
-- source supplies. The contract's own files supply every table; a vendor adapter
-- supplies the tables its manifest maps (macros/sources/<source>.sql), when the
-- export holds the vendor objects they come from. Constants of the project, the
-- same in every build: a build's own answer is kpi_catalog.available.
{{ config(materialized='table') }}
{%- set rows = [] %}
{%- for source_name in crm_source_names() %}
    {%- set manifest_tables = crm_source_manifest(source_name).tables.keys() | list %}
    {%- set mapped = crm_tables() if source_name == 'contract' else manifest_tables %}
    {%- for kpi in kpi_definitions() %}
        {%- set unmapped = kpi.needs_list | reject('in', mapped) | list %}
        {%- do rows.append((kpi.kpi_id, source_name, unmapped | join(', '))) %}
    {%- endfor %}
{%- endfor %}

with

support as (

    {% for kpi_id, source_name, unmapped in rows %}
    select
        cast('{{ kpi_id }}' as {{ dbt.type_string() }}) as kpi_id,
        cast('{{ source_name }}' as {{ dbt.type_string() }}) as source_name,
        cast('{{ unmapped }}' as {{ dbt.type_string() }}) as unmapped_tables
    union all
    {% endfor %}
    select
        cast(null as {{ dbt.type_string() }}) as kpi_id,
        cast(null as {{ dbt.type_string() }}) as source_name,
        cast(null as {{ dbt.type_string() }}) as unmapped_tables
    where 1 = 0

)

select
    kpi_id,
    source_name,
    unmapped_tables = '' as supported,
    nullif(unmapped_tables, '') as unmapped_tables
from support
