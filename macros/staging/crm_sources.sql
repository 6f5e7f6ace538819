{#-
    Where the raw data comes from (var `crm_source`):
      contract    one <table>.csv per table of the data contract (macros/staging/crm_contract.sql)
      salesforce  Salesforce objects (Data Export / Data Loader CSV files, Fivetran or Airbyte tables)
      hubspot     HubSpot objects (Fivetran or Airbyte tables, as CSV files or in a schema)
    A vendor source is an adapter: a manifest of the vendor objects it reads
    (macros/sources/<source>.sql) and models/staging/<source>/stg_<source>__<table>.sql
    models that map those objects into the contract's raw shape. The generic
    base_crm__<table> models then validate them like a contract file.
-#}
{% macro crm_source_names() %}
    {{- return(['contract', 'salesforce', 'hubspot']) -}}
{% endmacro %}


{% macro crm_source() %}
    {%- set name = var('crm_source', 'contract') | string -%}
    {%- if name not in crm_source_names() -%}
        {{- exceptions.raise_compiler_error("var crm_source must be one of " ~ crm_source_names() | join(', ') ~ ", not '" ~ name ~ "'") -}}
    {%- endif -%}
    {{- return(name) -}}
{% endmacro %}


{#- The adapter manifest of a vendor source: {objects: [{name, aliases, required, columns}], tables: {table: [objects]}}. -#}
{% macro crm_source_manifest(source_name) %}
    {#- an adapter whose macros/sources/<source>.sql is not (yet) in the project maps nothing -#}
    {%- if source_name == 'salesforce' and salesforce_manifest is defined -%}
        {%- set manifest = salesforce_manifest() -%}
    {%- elif source_name == 'hubspot' and hubspot_manifest is defined -%}
        {%- set manifest = hubspot_manifest() -%}
    {%- else -%}
        {{- return({'objects': [], 'tables': {}}) -}}
    {%- endif -%}
    {%- for item in manifest.objects -%}
        {%- do item.setdefault('aliases', []) -%}
        {%- do item.setdefault('required', false) -%}
    {%- endfor -%}
    {%- do manifest.setdefault('tables', {}) -%}
    {{- return(manifest) -}}
{% endmacro %}


{#- The relation base_crm__<table> reads: the landed contract file (raw.<table>, the
    source crm's table, which land_crm__<table> lands), or the adapter's model of it. -#}
{% macro crm_raw_relation(table_name) %}
    {%- if crm_reads_adapter(table_name) -%}
        {{- return(ref('stg_' ~ crm_source() ~ '__' ~ table_name)) -}}
    {%- endif -%}
    {{- return(ref('land_crm__' ~ table_name)) -}}
{% endmacro %}


{#- True when base_crm__<table> reads an adapter model (which carries _source_deleted). -#}
{% macro crm_reads_adapter(table_name) %}
    {%- set source_name = crm_source() -%}
    {{- return(source_name != 'contract' and table_name in crm_source_manifest(source_name).tables) -}}
{% endmacro %}


{#-
    A vendor's field or object name in snake_case, as landing names columns and finds
    files: StageName -> stage_name, CurrencyIsoCode -> currency_iso_code,
    OpportunityLineItem -> opportunity_line_item, Foo__c -> foo__c, is_won -> is_won.
    Only [a-z0-9_] survive, so the result is always a safe identifier.
-#}
{% macro crm_snake_case(name) %}
    {%- set text = name | string | trim -%}
    {%- set text = modules.re.sub('([A-Z]+)([A-Z][a-z])', '\\1_\\2', text) -%}
    {%- set text = modules.re.sub('([a-z0-9])([A-Z])', '\\1_\\2', text) -%}
    {%- set text = modules.re.sub('[^a-z0-9_]+', '_', text | lower) -%}
    {{- return(modules.re.sub('^_+|(?<=[a-z0-9])_+$', '', text)) -}}
{% endmacro %}


{#-
    A vendor stage as the contract's stage enum. Closed and won come from the vendor's
    flags (never from labels): closed_won when won, closed_lost when closed and not won.
    An open stage by its label's keywords, else by its probability (0..1), else prospecting.
    Arguments are SQL expressions.
-#}
{% macro crm_contract_stage(label, is_closed, is_won, probability) -%}
    case
        when {{ is_won }} then 'closed_won'
        when {{ is_closed }} then 'closed_lost'
        when {{ matches_pattern('lower(' ~ label ~ ')', '.*prospect.*') }} then 'prospecting'
        when {{ matches_pattern('lower(' ~ label ~ ')', '.*qualif.*') }} then 'qualification'
        when {{ matches_pattern('lower(' ~ label ~ ')', '.*(demo|present).*') }} then 'demo'
        when {{ matches_pattern('lower(' ~ label ~ ')', '.*(propos|quote).*') }} then 'proposal'
        when {{ matches_pattern('lower(' ~ label ~ ')', '.*(negotia|contract).*') }} then 'negotiation'
        when {{ probability }} < 0.2 then 'prospecting'
        when {{ probability }} < 0.4 then 'qualification'
        when {{ probability }} < 0.6 then 'demo'
        when {{ probability }} < 0.8 then 'proposal'
        when {{ probability }} is not null then 'negotiation'
        else 'prospecting'
    end
{%- endmacro %}


{#- A value as a SQL string literal: quotes doubled, so a path or name is data, never SQL. -#}
{% macro crm_sql_string(value) -%}
    {{- adapter.dispatch('sql_string', 'crm_kpi')(value | string) -}}
{%- endmacro %}

{% macro default__sql_string(value) -%}
    '{{ value | replace("'", "''") }}'
{%- endmacro %}

{#- Spark's string literals escape with a backslash. -#}
{% macro spark__sql_string(value) -%}
    '{{ value | replace('\\', '\\\\') | replace("'", "\\'") }}'
{%- endmacro %}


{#- A path as a literal glob pattern for DuckDB's readers: [, * and ? match only themselves. -#}
{% macro crm_glob_literal(path) -%}
    {{- return(path | string | replace('[', '[[]') | replace('*', '[*]') | replace('?', '[?]')) -}}
{%- endmacro %}
