{#-
    Engine settings, applied on-run-start. CRM_KPI_DUCKDB_THREADS sets DuckDB's worker
    threads for the whole run; unset, on-run-start uses one per core and the landing
    nodes and models share the cores among dbt's threads (share_engine_threads below).
    (CRM_KPI_THREADS is dbt's concurrency and CRM_KPI_MEMORY_LIMIT DuckDB's
    memory_limit: both in profiles.yml.)
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
    {%- set threads = crm_duckdb_threads_override() -%}
    {#- reset: one per core, whatever an earlier run of this process shared out -#}
    {%- do run_query('set threads = ' ~ threads if threads else 'reset threads') -%}
    {{ return('') }}
{% endmacro %}


{#- CRM_KPI_DUCKDB_THREADS as a positive whole number, or none when unset. -#}
{% macro crm_duckdb_threads_override() %}
    {%- set threads = env_var('CRM_KPI_DUCKDB_THREADS', '') | trim -%}
    {%- if not threads -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if not threads.isdigit() or threads | int < 1 -%}
        {{ exceptions.raise_compiler_error(
            "CRM_KPI_DUCKDB_THREADS must be a positive whole number, not '" ~ threads ~ "'.") }}
    {%- endif -%}
    {{ return(threads | int) }}
{% endmacro %}


{#-
    After on-run-start (which runs alone and uses every core), each of dbt's threads,
    the landing nodes' included, gets its share of the cores: DuckDB threads = cores //
    dbt threads, at least 1.
    DuckDB's pool is shared by every query of the process, and each running query
    also works on its caller's thread, so dbt's 2 threads over a 2-thread pool ran
    3-4 busy threads on 2 cores: a scale-100 build took 141 s and 247 CPU-seconds,
    against 119 s and 209 with one DuckDB thread each (one build each). Left alone
    when CRM_KPI_DUCKDB_THREADS is set.
-#}
{% macro share_engine_threads() %}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {{ return(adapter.dispatch('share_engine_threads', 'crm_kpi')()) }}
{% endmacro %}

{% macro default__share_engine_threads() %}
    {{ return('') }}
{% endmacro %}

{% macro duckdb__share_engine_threads() %}
    {%- if crm_duckdb_threads_override() -%}
        {{ return('') }}
    {%- endif -%}
    {%- set cores = run_query("select current_setting('threads')").columns[0].values()[0] | int -%}
    {%- set share = [1, cores // ([1, target.threads | int] | max)] | max -%}
    {%- do run_query('set threads = ' ~ share) -%}
    {{ return('') }}
{% endmacro %}
