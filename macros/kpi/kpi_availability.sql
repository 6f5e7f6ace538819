{#-
    KPI availability. A KPI declares in its meta.kpis entry the contract tables its
    value cannot do without (`needs: [opportunities, pipeline_stages]`). It is
    available when every one of them was supplied (raw.landed_objects); otherwise
    kpi_catalog says available = false with the missing tables, and its view
    returns no rows rather than zeros computed from empty tables.
-#}

{#- The contract tables a KPI (a meta.kpis entry) needs. -#}
{% macro kpi_needs(kpi) %}
    {{- return(kpi.get('needs') or []) -}}
{% endmacro %}


{#- SQL condition: true when none of `tables` is missing (var crm_source's landing said so). -#}
{% macro crm_tables_supplied_condition(tables) -%}
    {%- if not tables -%}
    1 = 1
    {%- else -%}
    not exists (
        select 1 from {{ source('crm', 'landed_objects') }}
        where source_name = 'crm' and not supplied and object_name in ('{{ tables | join("', '") }}')
    )
    {%- endif -%}
{%- endmacro %}


{#-
    A mart view's SQL, filtered to no rows when a table that one of its KPIs needs
    (or the model's own meta `needs`, for a KPI's breakdown view) is missing.
-#}
{% macro kpi_gated_sql(sql) %}
    {%- set meta = (model.get('config') or {}).get('meta', {}) -%}
    {%- set needs = [] -%}
    {%- for table in meta.get('needs', []) if table not in needs -%}
        {%- do needs.append(table) -%}
    {%- endfor -%}
    {%- for kpi in meta.get('kpis', []) -%}
        {%- for table in kpi_needs(kpi) if table not in needs -%}
            {%- do needs.append(table) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if not needs -%}
        {{- return(sql) -}}
    {%- endif -%}
    {{- return("select * from (\n" ~ sql ~ "\n) as kpi_view\nwhere " ~ crm_tables_supplied_condition(needs | sort)) -}}
{% endmacro %}


{#- Views are created through these (dbt's dispatch finds the root project's first): the adapters' own, with the KPI gate. -#}
{% macro duckdb__create_view_as(relation, sql) -%}
  {% set contract_config = config.get('contract') %}
  {% if contract_config.enforced %}
    {{ get_assert_columns_equivalent(sql) }}
  {%- endif %}
  {%- set sql_header = config.get('sql_header', none) -%}

  {{ sql_header if sql_header is not none }}
  create or replace view {{ relation }} as (
    {{ kpi_gated_sql(sql) }}
  );
{% endmacro %}

{% macro spark__create_view_as(relation, sql) -%}
  create or replace view {{ relation }}
  {% if config.persist_column_docs() -%}
    {% set model_columns = model.columns %}
    {% set query_columns = get_columns_in_query(sql) %}
    (
    {{ get_persist_docs_column_list(model_columns, query_columns) }}
    )
  {% endif %}
  {{ comment_clause() }}
  {%- set contract_config = config.get('contract') -%}
  {%- if contract_config.enforced -%}
    {{ get_assert_columns_equivalent(sql) }}
  {%- endif %}
  as
    {{ kpi_gated_sql(sql) }}
{% endmacro %}
