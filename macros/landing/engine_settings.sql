{#-
    Engine settings a user may tune per run through environment variables, applied
    before the landing (on-run-start). CRM_KPI_DUCKDB_THREADS sets DuckDB's worker
    threads; unset, DuckDB uses one per core. (CRM_KPI_THREADS is dbt's concurrency
    and CRM_KPI_MEMORY_LIMIT DuckDB's memory_limit: both in profiles.yml.)
-#}
{% macro apply_engine_settings() %}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {{ return(adapter.dispatch('apply_engine_settings', 'crm_kpi')()) }}
{% endmacro %}

{% macro default__apply_engine_settings() %}
    {{ return('') }}
{% endmacro %}

{% macro duckdb__apply_engine_settings() %}
    {%- set threads = env_var('CRM_KPI_DUCKDB_THREADS', '') | trim -%}
    {%- if threads -%}
        {%- if not threads.isdigit() or threads | int < 1 -%}
            {{ exceptions.raise_compiler_error(
                "CRM_KPI_DUCKDB_THREADS must be a positive whole number, not '" ~ threads ~ "'.") }}
        {%- endif -%}
        {%- do run_query('set threads = ' ~ threads | int) -%}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}
