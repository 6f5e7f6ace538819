{#-
    Lands the raw data as text tables before the models read it (on-run-start of
    `dbt run` and `dbt build`), with lineage: _source_file (the file or table read)
    and _source_row (1-based data record number, the header excluded). A contract
    table whose landing node (models/landing/land_crm__<table>.sql) the run selects
    is only checked here (file present when required, header) and landed by that
    node, so that dbt lands two files at once; every other table lands here.

    var crm_source = contract: each table of the data contract from
      <data_dir>/<table>.csv into raw.<table>. Only tables marked `required` in the
      contract must be there; a missing table lands as an empty table with the
      contract's columns (its KPIs are then unavailable, see kpi_catalog). A missing
      required column stops the run with a message naming the file and column; extra
      columns are ignored; a column marked optional_column lands as null.
    var crm_source = salesforce | hubspot: each object of the adapter's manifest
      (macros/sources/<source>.sql) from the file of data_dir whose name, snake_cased,
      is the object's name or an alias, into raw_<source>.<object> (its manifest
      columns, header names snake_cased; absent ones null). Every raw.<table> of the
      contract also exists, empty: the adapter's models stand in for the ones it maps.
    var raw_schema (optional; with var raw_database, a DuckDB file attached read-only):
      read those tables from that schema instead of CSV files, by the same names.

    raw.landed_objects records what was found: one row per contract table
    (source_name 'crm') and per vendor object, with `supplied` and `location`.

    Paths and names reach SQL as quoted literals or quoted identifiers only, never
    as SQL or template text: data_dir comes from the environment variable
    CRM_KPI_DATA_DIR when set (scripts/pipeline.py sets it), else var data_dir.
-#}
{% macro land_raw_tables() %}
    {%- if not execute or flags.WHICH not in ('run', 'build') -%}
        {{ return('') }}
    {%- endif -%}
    {%- set source_name = crm_source() -%}
    {%- set candidates = crm_object_candidates() -%}
    {%- set landed = [] -%}
    {%- do run_query('create schema if not exists raw') -%}
    {%- if source_name == 'contract' -%}
        {%- for table_name in crm_tables() -%}
            {%- set location = crm_find_object(candidates, table_name, [], exact=true) -%}
            {%- if location is none and crm_table(table_name).meta.get('required') -%}
                {{ exceptions.raise_compiler_error(
                    "Missing raw file " ~ crm_expected_location(table_name) ~ " for table '" ~ table_name ~ "', which every build needs (docs/DATA_CONTRACT.md).") }}
            {%- endif -%}
            {%- do crm_land_contract_table(table_name, candidates, check_only=crm_landing_node_selected(table_name)) -%}
            {%- do landed.append(('crm', table_name, location is not none, location)) -%}
        {%- endfor -%}
    {%- else -%}
        {%- set manifest = crm_source_manifest(source_name) -%}
        {%- set schema = 'raw_' ~ source_name -%}
        {%- do run_query('create schema if not exists ' ~ schema) -%}
        {%- set supplied = {} -%}
        {%- for item in manifest.objects -%}
            {%- set location = crm_find_object(candidates, item.name, item.aliases, exact=false) -%}
            {%- if location is none and item.required -%}
                {{ exceptions.raise_compiler_error(
                    "Missing raw file for " ~ source_name ~ " object '" ~ item.name ~ "' in " ~ (crm_raw_schema() or crm_data_dir())
                    ~ ": every " ~ source_name ~ " build needs a file (or table) named " ~ ([item.name] + item.aliases) | join(' or ')
                    ~ " in CamelCase or snake_case, any letter case (e.g. Opportunity.csv).") }}
            {%- endif -%}
            {%- set columns = [] -%}
            {%- for column in item.columns -%}
                {%- do columns.append({'name': column, 'required': false}) -%}
            {%- endfor -%}
            {%- set relation = api.Relation.create(database=target.database if target.type == 'duckdb' else none,
                                                   schema=schema, identifier=item.name) -%}
            {%- do crm_land_object(relation, item.name, columns, location, match='snake') -%}
            {%- do supplied.update({item.name: location is not none}) -%}
            {%- do landed.append((source_name, item.name, location is not none, location)) -%}
        {%- endfor -%}
        {%- for table_name in crm_tables() -%}
            {%- do crm_land_contract_table(table_name, candidates, check_only=crm_landing_node_selected(table_name)) -%}
            {%- set objects = manifest.tables.get(table_name, []) -%}
            {%- set ns = namespace(all_supplied=objects | length > 0) -%}
            {%- for name in objects if not supplied.get(name) -%}
                {%- set ns.all_supplied = false -%}
            {%- endfor -%}
            {%- do landed.append(('crm', table_name, ns.all_supplied, objects | join(', ') if ns.all_supplied else none)) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- do run_query(crm_landed_objects_sql(landed)) -%}
    {{ return('') }}
{% endmacro %}


{#-
    Lands contract table `table_name` into raw.<table_name> (source('crm', table_name)):
    with var crm_source contract, from its file or raw_schema table in `candidates`
    (an empty table when there is none); with a vendor source, as an empty table (the
    adapter's models stand in for it). check_only: only check the file's header (a
    missing required column stops the run here), the landing node lands it later.
-#}
{% macro crm_land_contract_table(table_name, candidates, check_only=false) %}
    {%- set table = crm_table(table_name) -%}
    {%- if crm_source() == 'contract' -%}
        {%- set location = crm_find_object(candidates, table_name, [], exact=true) -%}
        {%- do crm_land_object(source('crm', table_name), table_name, crm_landing_columns(table, true), location,
                               match='lower', check_only=check_only) -%}
    {%- elif not check_only -%}
        {%- do crm_land_object(source('crm', table_name), table_name, crm_landing_columns(table, false), none, match='lower') -%}
    {%- endif -%}
{% endmacro %}


{#-
    True when this run lands contract table `table_name` in its own node,
    models/landing/land_crm__<table_name>.sql (materialization landed_table): a full
    `dbt build` or `dbt run` selects every such node, and dbt runs two at once. A
    selection without it (dbt build -s stg_crm__leads) lands the table in
    on-run-start, as before any model reads it.
-#}
{% macro crm_landing_node_selected(table_name) %}
    {{- return(('model.' ~ project_name ~ '.land_crm__' ~ table_name) in selected_resources) -}}
{% endmacro %}


{#- A contract table's columns to land: [{name, required, data_type}]; required only if `strict` and not optional_column. -#}
{% macro crm_landing_columns(table, strict) %}
    {%- set columns = [] -%}
    {%- for column in table.columns -%}
        {%- do columns.append({'name': column.name, 'required': strict and not column.meta.get('optional_column'),
                               'data_type': column.data_type}) -%}
    {%- endfor -%}
    {{- return(columns) -}}
{% endmacro %}


{#- raw.landed_objects from (source_name, object_name, supplied, location) tuples. -#}
{% macro crm_landed_objects_sql(landed) %}
    {%- set relation = source('crm', 'landed_objects') -%}
    {{- adapter.dispatch('create_table_as_select', 'crm_kpi')(relation) }}
    {%- for source_name, object_name, supplied, location in landed %}
    select
        {{ crm_sql_string(source_name) }} as source_name,
        {{ crm_sql_string(object_name) }} as object_name,
        {{ 'true' if supplied else 'false' }} as supplied,
        {% if location is none %}cast(null as {{ dbt.type_string() }}){% else %}{{ crm_sql_string(location) }}{% endif %} as location
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{% endmacro %}

{% macro default__create_table_as_select(relation) -%}
    create or replace table {{ relation }} as
{%- endmacro %}

{% macro spark__create_table_as_select(relation) -%}
    {%- do run_query('drop table if exists ' ~ relation) -%}
    create table {{ relation }} using parquet as
{%- endmacro %}


{#- var raw_schema, or env var CRM_KPI_RAW_SCHEMA (never rendered as a template); none when unset. -#}
{% macro crm_raw_schema() %}
    {{- return(env_var('CRM_KPI_RAW_SCHEMA', '') or var('raw_schema', none) or none) -}}
{% endmacro %}


{#- The data directory: env var CRM_KPI_DATA_DIR (never rendered as a template), else var data_dir. -#}
{% macro crm_data_dir() %}
    {{- return(env_var('CRM_KPI_DATA_DIR', var('data_dir') | string)) -}}
{% endmacro %}


{#-
    What can be landed: {stem: location} of the .csv files of data_dir (stem as
    written), or of the tables of var raw_schema ({table name: quoted relation}).
-#}
{% macro crm_object_candidates() %}
    {%- set raw_schema = crm_raw_schema() -%}
    {%- set candidates = {} -%}
    {%- if raw_schema -%}
        {%- set catalog = crm_attach_raw_database() -%}
        {%- set prefix = crm_quote_identifier(catalog) ~ '.' if catalog else '' -%}
        {%- set listed = run_query(
            "select table_name from information_schema.tables where table_schema = " ~ crm_sql_string(raw_schema)
            ~ " and table_catalog = " ~ (crm_sql_string(catalog) if catalog else "current_database()")
            ~ " order by table_name") -%}
        {%- for name in listed.columns[0].values() -%}
            {%- do candidates.setdefault(name, prefix ~ crm_quote_identifier(raw_schema) ~ '.' ~ crm_quote_identifier(name)) -%}
        {%- endfor -%}
    {%- elif target.type == 'duckdb' -%}
        {%- set pattern = crm_glob_literal(crm_data_dir().rstrip('/') ~ '/') ~ '*' -%}
        {%- set listed = run_query("select file from glob(" ~ crm_sql_string(pattern) ~ ") order by file") -%}
        {%- for path in listed.columns[0].values() -%}
            {%- set file_name = path.split('/')[-1] -%}
            {%- if file_name[-4:] | lower == '.csv' -%}
                {%- do candidates.setdefault(file_name[:-4], path) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(candidates) -}}
{% endmacro %}


{#-
    The location of a contract table (exact: <data_dir>/<name>.csv, or the table
    <name> of raw_schema) or of a vendor object (a stem whose snake_case is the name
    or an alias), or none. On Spark, contract files are assumed present (the reader
    names a missing one).
-#}
{% macro crm_find_object(candidates, name, aliases, exact) %}
    {%- if exact -%}
        {%- if crm_raw_schema() -%}
            {%- for stem, location in candidates.items() if stem | lower == name -%}
                {{- return(location) -}}
            {%- endfor -%}
            {{- return(none) -}}
        {%- endif -%}
        {%- if target.type != 'duckdb' -%}
            {{- return(crm_data_dir().rstrip('/') ~ '/' ~ name ~ '.csv') -}}
        {%- endif -%}
        {%- set path = candidates.get(name) -%}
        {{- return(path if path and path.endswith('.csv') else none) -}}
    {%- endif -%}
    {%- set wanted = [name] + aliases -%}
    {%- for stem, location in candidates.items() if crm_snake_case(stem) in wanted -%}
        {{- return(location) -}}
    {%- endfor -%}
    {{- return(none) -}}
{% endmacro %}


{#- How to name what was looked for in an error message. -#}
{% macro crm_expected_location(name) %}
    {%- set raw_schema = crm_raw_schema() -%}
    {%- if raw_schema -%}
        {{- return("table " ~ name ~ " in schema " ~ raw_schema) -}}
    {%- endif -%}
    {{- return(crm_data_dir().rstrip('/') ~ '/' ~ name ~ '.csv') -}}
{% endmacro %}


{#- var raw_database: a DuckDB file to read raw_schema from, attached read-only; returns its catalog name or none. -#}
{% macro crm_attach_raw_database() %}
    {%- set path = env_var('CRM_KPI_RAW_DATABASE', '') or var('raw_database', none) -%}
    {%- if not path -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set catalog = 'crm_kpi_raw_input' -%}
    {%- set attached = run_query("select count(*) from duckdb_databases() where database_name = " ~ crm_sql_string(catalog)) -%}
    {%- if attached.columns[0].values()[0] == 0 -%}
        {%- do run_query("attach " ~ crm_sql_string(path) ~ " as " ~ catalog ~ " (read_only)") -%}
    {%- endif -%}
    {{- return(catalog) -}}
{% endmacro %}


{% macro crm_quote_identifier(name) -%}
    "{{ name | string | replace('"', '""') }}"
{%- endmacro %}


{#-
    Lands one table or object into `relation`: `columns` [{name, required}] from the
    file or table at `location` (none: an empty table). A header column matches a
    column by lower(trim(name)) (match='lower', contract files) or by its snake_case
    (match='snake', vendor objects); the first match wins. check_only: read the header
    and check it (a missing required column stops the run), land nothing.
-#}
{% macro crm_land_object(relation, label, columns, location, match, check_only=false) %}
    {%- set is_table = crm_raw_schema() and location is not none -%}
    {%- set types = crm_table_types(location) if is_table else {} -%}
    {%- set header = [] if location is none else (types.keys() | list if is_table else csv_header(location)) -%}
    {%- set by_key = {} -%}
    {%- for original in header -%}
        {%- set key = crm_snake_case(original) if match == 'snake' else original | trim | lower -%}
        {%- do by_key.setdefault(key, original) -%}
    {%- endfor -%}
    {%- set landed = [] -%}
    {%- for column in columns -%}
        {%- if column.name in by_key -%}
            {%- do landed.append(by_key[column.name]) -%}
        {%- elif column.required and location is not none -%}
            {{ exceptions.raise_compiler_error(
                "Missing required column '" ~ column.name ~ "' in " ~ location ~ " (table '" ~ label ~ "'). Its header has: " ~ header | join(', ') ~ ".") }}
        {%- else -%}
            {%- do landed.append(none) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if check_only -%}
        {{ return(none) }}
    {%- elif location is none -%}
        {%- do run_query(crm_empty_table_sql(relation, columns)) -%}
    {%- elif is_table -%}
        {%- do run_query(crm_land_table_sql(relation, columns, location, landed, types)) -%}
    {%- else -%}
        {%- do run_query(adapter.dispatch('land_csv', 'crm_kpi')(relation, columns, location, landed)) -%}
    {%- endif -%}
    {#- one transaction per table: a hook's queries share one transaction, and DuckDB
        holding the whole landing (2 GB of text at scale 100) until one commit at the
        end took 17 s more than committing as it goes -#}
    {%- if target.type == 'duckdb' -%}
        {%- do adapter.commit() -%}
    {%- endif -%}
{% endmacro %}


{% macro crm_empty_table_sql(relation, columns) %}
    {{ adapter.dispatch('create_table_as_select', 'crm_kpi')(relation) }}
    select
        {%- for column in columns %}
        cast(null as {{ dbt.type_string() }}) as {{ column.name }},
        {%- endfor %}
        cast(null as {{ dbt.type_string() }}) as _source_file,
        cast(null as {{ dbt.type_bigint() }}) as _source_row
    where 1 = 0
{% endmacro %}


{#- {column name: type} of a warehouse table (var raw_schema), in the table's column order. -#}
{% macro crm_table_types(location) %}
    {%- set described = run_query("select column_name, column_type from (describe select * from " ~ location ~ ")") -%}
    {{ return(dict(described.rows | map('list') | list)) }}
{% endmacro %}


{#-
    A warehouse table as text. A contract date column that the ingestion tool typed as a
    timestamp (Fivetran and Airbyte often do) lands as its date, YYYY-MM-DD; every other
    value as DuckDB writes it as text (timestamps ISO 8601, booleans true/false).
-#}
{% macro crm_land_table_sql(relation, columns, location, landed_columns, types) %}
    {{ adapter.dispatch('create_table_as_select', 'crm_kpi')(relation) }}
    select
        {%- for column in columns %}
        {%- set original = landed_columns[loop.index0] %}
        {% if original is none %}cast(null as {{ dbt.type_string() }}){% elif column.get('data_type') == 'date' and types.get(original, '').upper().startswith('TIMESTAMP') %}cast(cast({{ crm_quote_identifier(original) }} as date) as {{ dbt.type_string() }}){% else %}cast({{ crm_quote_identifier(original) }} as {{ dbt.type_string() }}){% endif %} as {{ column.name }},
        {%- endfor %}
        {{ crm_sql_string(location) }} as _source_file,
        row_number() over () as _source_row
    from {{ location }}
{% endmacro %}


{#- The file's column names as written, or none when the file does not exist. -#}
{% macro csv_header(path) %}
    {{- return(adapter.dispatch('csv_header', 'crm_kpi')(path)) -}}
{% endmacro %}

{% macro duckdb__csv_header(path) %}
    {%- set described = run_query(
        "select trim(column_name) from (describe select * from " ~ duckdb__read_raw_csv(path) ~ ")") -%}
    {{ return(described.columns[0].values() | list) }}
{% endmacro %}


{#- The literal file `path` (quotes escaped, glob characters matching only themselves).
    buffer_size: 64 MiB instead of 32: the 954 MB of activities at scale 100 land in 8.0 s
    instead of 10.1 s (15.5 against 18.5 CPU-seconds), the same rows in the same order;
    128 and 256 MiB were slower. A larger buffer also lifts DuckDB's limit per record
    unless max_line_size is given: it stays DuckDB's default, 2 MiB (contract.py
    DUCKDB_MAX_LINE_BYTES). scripts/contract.py read_raw_csv_sql is the same read. -#}
{% macro duckdb__read_raw_csv(path) -%}
    read_csv({{ crm_sql_string(crm_glob_literal(path)) }}, all_varchar = true, header = true, delim = ',', quote = '"', escape = '"', buffer_size = 67108864, max_line_size = 2097152)
{%- endmacro %}


{#-
    One parallel pass over the file, in file order (preserve_insertion_order), then the
    record number from the table's rowid: a window row_number() over the whole file
    would be a second, single-threaded pass (2.5 s of 8.5 s for 2 million rows).
-#}
{% macro duckdb__land_csv(relation, columns, path, landed_columns) %}
    set preserve_insertion_order = true;
    create or replace table {{ relation }} as
    select
        {%- for column in columns %}
        {% if landed_columns[loop.index0] is none %}cast(null as varchar){% else %}{{ crm_quote_identifier(landed_columns[loop.index0]) }}{% endif %} as {{ column.name }},
        {%- endfor %}
        {{ crm_sql_string(path) }} as _source_file,
        cast(null as bigint) as _source_row
    from {{ duckdb__read_raw_csv(path) }};
    update {{ relation }} set _source_row = rowid + 1
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
        "create or replace temporary view " ~ view ~ " using csv options (path " ~ crm_sql_string(path) ~ ", "
        ~ "header 'true', inferSchema 'false', quote '\"', escape '\"', multiLine 'true', "
        ~ "mode 'FAILFAST', encoding 'UTF-8', enforceSchema 'false')") -%}
    {{- return(view) -}}
{%- endmacro %}

{#- A missing file fails in Spark's reader with PATH_NOT_FOUND and its path (the pipeline checks first). -#}
{% macro spark__csv_header(path) %}
    {%- set described = run_query("describe " ~ spark__csv_view(path)) -%}
    {{ return(described.columns[0].values() | map('trim') | list) }}
{% endmacro %}

{% macro spark__land_csv(relation, columns, path, landed_columns) %}
    {#- a parquet table has no REPLACE TABLE AS SELECT in Spark's session catalog -#}
    {%- do run_query('drop table if exists ' ~ relation) -%}
    create table {{ relation }} using parquet as
    select
        {%- for column in columns %}
        {% if landed_columns[loop.index0] is none %}cast(null as string){% else %}`{{ landed_columns[loop.index0] | replace('`', '``') }}`{% endif %} as {{ column.name }},
        {%- endfor %}
        {{ crm_sql_string(path) }} as _source_file,
        row_number() over (order by monotonically_increasing_id()) as _source_row
    from {{ spark__csv_view(path) }}
{% endmacro %}
