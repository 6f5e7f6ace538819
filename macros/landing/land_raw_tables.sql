{#-
    Lands every table of the `crm` source (the data contract) from
    <data_dir>/<table>.csv into schema `raw`, all columns as text, plus lineage:
    _source_file (the file read) and _source_row (1-based data record number,
    the header excluded). Runs as on-run-start of `dbt run` and `dbt build`.

    A missing file or required column stops the run with a message naming them.
    Extra columns are ignored; a column marked optional_column lands as null.
-#}
{% macro land_raw_tables() %}
    {%- if not execute or flags.WHICH not in ('run', 'build') -%}
        {{ return('') }}
    {%- endif -%}
    {%- set data_dir = var('data_dir') | string -%}
    {%- for table_name in crm_tables() -%}
        {%- set table = crm_table(table_name) -%}
        {%- set relation = source('crm', table_name) -%}
        {%- if loop.first -%}
            {%- do run_query('create schema if not exists ' ~ relation.schema) -%}
        {%- endif -%}
        {%- set path = data_dir.rstrip('/') ~ '/' ~ table.name ~ '.csv' -%}
        {%- set header = csv_header(path) -%}
        {%- if header is none -%}
            {{ exceptions.raise_compiler_error(
                "Missing raw file " ~ path ~ " for table '" ~ table.name ~ "'. data_dir must hold one <table>.csv per table of docs/DATA_CONTRACT.md.") }}
        {%- endif -%}
        {%- set landed = [] -%}
        {%- for column in table.columns -%}
            {%- if column.name | lower in header -%}
                {%- do landed.append(column.name) -%}
            {%- elif column.meta.get('optional_column') -%}
                {%- do landed.append(none) -%}
            {%- else -%}
                {{ exceptions.raise_compiler_error(
                    "Missing required column '" ~ column.name ~ "' in " ~ path ~ " (table '" ~ table.name ~ "'). Its header has: " ~ header | join(', ') ~ ".") }}
            {%- endif -%}
        {%- endfor -%}
        {%- do run_query(adapter.dispatch('land_csv', 'crm_kpi')(relation, table, path, landed)) -%}
    {%- endfor -%}
    {{ return('') }}
{% endmacro %}


{#- The file's column names, lower-cased, or none when the file does not exist. -#}
{% macro csv_header(path) %}
    {{- return(adapter.dispatch('csv_header', 'crm_kpi')(path)) -}}
{% endmacro %}

{% macro duckdb__csv_header(path) %}
    {%- set found = run_query("select count(*) from glob('" ~ path ~ "')").columns[0].values()[0] -%}
    {%- if found == 0 -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set described = run_query(
        "select lower(trim(column_name)) from (describe select * from "
        ~ duckdb__read_raw_csv(path) ~ ")") -%}
    {{ return(described.columns[0].values() | list) }}
{% endmacro %}


{% macro duckdb__read_raw_csv(path) -%}
    read_csv('{{ path }}', all_varchar = true, header = true, delim = ',', quote = '"', escape = '"')
{%- endmacro %}


{% macro duckdb__land_csv(relation, table, path, landed_columns) %}
    create or replace table {{ relation }} as
    select
        {%- for column in table.columns %}
        {% if landed_columns[loop.index0] is none %}cast(null as varchar){% else %}"{{ landed_columns[loop.index0] }}"{% endif %} as {{ column.name }},
        {%- endfor %}
        '{{ path }}' as _source_file,
        row_number() over () as _source_row
    from {{ duckdb__read_raw_csv(path) }}
{% endmacro %}


{#-
    Spark: a session-scoped view over the file with Spark's CSV reader (header, every
    column text, RFC 4180 quotes, FAILFAST: a malformed row stops the landing as DuckDB's
    reader does), then a parquet table in file order. A file is read whole (multiLine),
    so monotonically_increasing_id() follows the file's order.
-#}
{% macro spark__csv_view(path) -%}
    {%- set view = 'crm_kpi_landing_' ~ local_md5(path) -%}
    {%- do run_query(
        "create or replace temporary view " ~ view ~ " using csv options (path '" ~ path ~ "', "
        ~ "header 'true', inferSchema 'false', quote '\"', escape '\"', multiLine 'true', "
        ~ "mode 'FAILFAST', encoding 'UTF-8', enforceSchema 'false')") -%}
    {{- return(view) -}}
{%- endmacro %}

{#- A missing file fails in Spark's reader with PATH_NOT_FOUND and its path (the pipeline checks first). -#}
{% macro spark__csv_header(path) %}
    {%- set described = run_query("describe " ~ spark__csv_view(path)) -%}
    {{ return(described.columns[0].values() | map('trim') | map('lower') | list) }}
{% endmacro %}

{% macro spark__land_csv(relation, table, path, landed_columns) %}
    {#- a parquet table has no REPLACE TABLE AS SELECT in Spark's session catalog -#}
    {%- do run_query('drop table if exists ' ~ relation) -%}
    create table {{ relation }} using parquet as
    select
        {%- for column in table.columns %}
        {% if landed_columns[loop.index0] is none %}cast(null as string){% else %}`{{ landed_columns[loop.index0] }}`{% endif %} as {{ column.name }},
        {%- endfor %}
        '{{ path }}' as _source_file,
        row_number() over (order by monotonically_increasing_id()) as _source_row
    from {{ spark__csv_view(path) }}
{% endmacro %}
