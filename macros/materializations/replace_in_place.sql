{#-
    DuckDB's table and view materializations for this project: one `create or replace`
    statement in one transaction, instead of dbt-duckdb's create under a temporary name,
    rename the old relation to a backup, rename the new one, commit, drop the backup.
    DuckDB replaces a relation atomically in a transaction, and its views bind their
    inputs by name when queried, so the swap buys nothing here; its five statements and
    relation-cache updates per model cost about 6 s of a 25 s sample build. The project
    uses no grants, persist_docs, indexes or model contracts, which the swap supports and
    this does not; hooks run as dbt's do. A view's statement is the project's
    duckdb__create_view_as (macros/kpi/kpi_availability.sql), which adds the KPI gate.
    Other adapters (Spark) keep their own.
-#}
{% materialization table, adapter='duckdb' %}
    {%- set target_relation = this.incorporate(type='table') -%}
    {{- crm_replace_relation(target_relation, 'table') -}}
    {{- return({'relations': [target_relation]}) -}}
{% endmaterialization %}

{% materialization view, adapter='duckdb' %}
    {%- set target_relation = this.incorporate(type='view') -%}
    {{- crm_replace_relation(target_relation, 'view') -}}
    {{- return({'relations': [target_relation]}) -}}
{% endmaterialization %}

{% macro crm_replace_relation(target_relation, relation_type) %}
    {%- set existing_relation = load_cached_relation(this) -%}
    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}
    {#- a view cannot replace a table (nor a table a view) -#}
    {%- if existing_relation is not none and existing_relation.type != relation_type -%}
        {{ drop_relation_if_exists(existing_relation) }}
    {%- endif -%}
    {% call statement('main') -%}
        {%- if relation_type == 'view' -%}
            {#- duckdb__create_view_as (macros/kpi/kpi_availability.sql): create or replace, with the KPI gate -#}
            {{ get_create_view_as_sql(target_relation, compiled_code) }}
        {%- else -%}
            create or replace table {{ target_relation }} as (
                {{ compiled_code }}
            )
        {%- endif -%}
    {%- endcall %}
    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {{ adapter.commit() }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
{% endmacro %}
