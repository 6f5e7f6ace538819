{#-
    landed_table: the node that lands one raw table of the data contract,
    raw.<alias> (the relation source('crm', <alias>) names), from its file or raw_schema
    table: crm_land_contract_table (macros/landing/land_raw_tables.sql), the same
    landing on-run-start does for a table whose node the run does not select. The
    model's own SQL is a comment and is not run.

    One node per table lets dbt land two files at once, each on one DuckDB thread (the
    engine's cores shared among dbt's threads, share_engine_threads), instead of one
    file at a time on two: a CSV file's parallel read and write keep two cores only
    partly busy. At scale 100 the 28 files land in 22.1 s instead of 26.8 s (replayed
    without dbt, the same 41 CPU-seconds).
-#}
{% materialization landed_table, default %}
    {%- set target_relation = this.incorporate(type='table') -%}
    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}
    {%- do crm_land_contract_table(this.identifier, crm_object_candidates()) -%}
    {% call statement('main') -%}
        select count(*) as landed_rows from {{ target_relation }}
    {%- endcall %}
    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {%- if target.type == 'duckdb' -%}
        {{ adapter.commit() }}
    {%- endif -%}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
    {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}
