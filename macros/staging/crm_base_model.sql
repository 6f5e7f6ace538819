{#-
    The SQL of base_crm__<table>: every raw row of one contract table, typed and
    validated against the data contract (macros/staging/crm_contract.sql).

    Output: the typed columns, <money>_reporting for money columns and fx_rate
    (tables with an fx rule), lineage (_source_file, _source_row), row_key (rejected rows only), and
    reject_reason / reject_column / reject_value (null for a clean row).

    The input is raw.<table> (the landed contract file) or, for a vendor source
    (var crm_source), the adapter's stg_<source>__<table> model, whose rows the
    vendor marks deleted are rejected first, as deleted_in_source.

    A row's reason is the first rule that fails, in this order: deleted_in_source, null_key,
    missing_value, unparsable_date / unparsable_number / unparsable_boolean,
    bad_enum, out_of_range (also integers outside int32, dates outside the valid
    date window), duplicate_key (the first row of a key in the file
    keeps it), the table's row_checks (close_before_create, end_before_start...),
    orphan_foreign_key (the key is not among the parent's clean rows, so the
    children of a rejected parent are rejected too; skipped when the parent table
    was not supplied at all, see raw.landed_objects, unless the column is
    parent_required), missing_fx_rate.

    The rules come from the data contract (macros/staging/crm_contract.sql).
-#}
{% macro crm_base_model(table_name) %}
    {%- set table = crm_table(table_name) -%}
    {%- set columns = table.columns -%}
    {%- set pk = table.meta.primary_key -%}
    {%- set fx = table.meta.get('fx') -%}
    {%- set rules = crm_row_rules(table) -%}
    {%- set from_adapter = crm_reads_adapter(table_name) -%}
    {%- if from_adapter -%}
        {%- set rules = [('_source_deleted', 'deleted_in_source', pk[0])] + rules -%}
    {%- endif -%}
    {%- set foreign_keys = [] -%}
    {%- for column in columns if column.meta.get('references') -%}
        {%- set parent = crm_table(column.meta['references']) -%}
        {%- do foreign_keys.append((column.name, column.meta['references'], parent.meta.primary_key[0])) -%}
    {%- endfor %}

with
{% if foreign_keys %}

{#- a foreign key is checked only when its parent table was supplied -#}
parents_supplied as (

    select
        {%- for parent in foreign_keys | map(attribute=1) | unique %}
        coalesce(max(case when object_name = '{{ parent }}' and supplied then 1 end), 0) = 1 as {{ parent }}_supplied{{ "," if not loop.last }}
        {%- endfor %}
    from {{ source('crm', 'landed_objects') }}
    where source_name = 'crm'

),
{%- endif %}

{# every CTE is read once: DuckDB materializes a CTE read twice (11 million wide rows
   of activities written to memory and spilled), so repeated_keys reads the raw rows too #}
typed as (

    select
        {%- for column in columns %}
        {{ crm_typed_column(column) }} as {{ column.name }},
        source.{{ column.name }} as _raw_{{ column.name }},
        {%- endfor %}
        source._source_file,
        source._source_row{{ "," if from_adapter }}
        {%- if from_adapter %}
        coalesce(source._source_deleted, false) as _source_deleted
        {%- endif %}
    from {{ crm_trimmed_raw(table_name, columns | map(attribute='name'), ['_source_file', '_source_row'] + (['_source_deleted'] if from_adapter else [])) }} as source

),

{#- keys seen more than once, with their first row: a hash aggregate and a small join,
    far cheaper on millions of rows than a window over every column of `typed` -#}
repeated_keys as (

    select
        {%- for key in pk %}
        {{ crm_typed_column(crm_column(table, key)) }} as {{ key }},
        {%- endfor %}
        min(_source_row) as _first_source_row
    from {{ crm_trimmed_raw(table_name, pk, ['_source_row']) }} as source
    group by {% for key in pk %}{{ loop.index }}{{ ", " if not loop.last }}{% endfor %}
    having count(*) > 1

),

counted as (

    select
        typed.*,
        coalesce(typed._source_row > repeated_keys._first_source_row, false) as _is_repeated_key
    from typed
    left join repeated_keys
        on {% for key in pk %}typed.{{ key }} = repeated_keys.{{ key }}{{ " and " if not loop.last }}{% endfor %}

),

prechecked as (

    select
        *,
        {{ crm_first_rule_index(rules) }} as _rule_index{{ "," if fx }}
        {%- if fx %}
        {{ fx.date }} as _fx_date
        {%- endif %}
    from counted

),

{%- set late_rules = [] %}
{%- for column, parent, parent_key in foreign_keys %}
    {%- set when_supplied = "" if crm_column(table, column).meta.get('parent_required') else " and parents_supplied." ~ parent ~ "_supplied" %}
    {%- do late_rules.append(("prechecked." ~ column ~ " is not null and fk_" ~ column ~ "." ~ parent_key ~ " is null" ~ when_supplied, 'orphan_foreign_key', column)) %}
{%- endfor %}
{%- if fx %}
    {%- do late_rules.append(("prechecked." ~ fx.currency ~ " <> '" ~ var('reporting_currency') ~ "' and fx.rate is null", 'missing_fx_rate', fx.currency)) %}
{%- endif %}

checked as (

    select
        prechecked.*,
        {%- if fx %}
        case
            when prechecked.{{ fx.currency }} = '{{ var("reporting_currency") }}' then 1
            else fx.rate
        end as fx_rate,
        {%- endif %}
        {{ crm_first_rule_index(late_rules) }} as _late_rule_index
    from prechecked
    {%- if foreign_keys %}
    cross join parents_supplied
    {%- endif %}
    {%- for column, parent, parent_key in foreign_keys %}
    {%- if parent == table_name %}
    left join (
        select {{ parent_key }} from prechecked where _rule_index is null
    ) as fk_{{ column }}
    {%- else %}
    left join (
        select {{ parent_key }} from {{ ref('base_crm__' ~ parent) }} where reject_reason is null
    ) as fk_{{ column }}
    {%- endif %}
        on prechecked.{{ column }} = fk_{{ column }}.{{ parent_key }}
    {%- endfor %}
    {%- if fx %}
    {{ fx_rate_join('fx', 'prechecked.' ~ fx.currency, 'prechecked._fx_date') }}
    {%- endif %}

),

decided as (

    select
        *,
        coalesce({{ crm_rule_part(rules, '_rule_index', 'reason') }}, {{ crm_rule_part(late_rules, '_late_rule_index', 'reason') }}) as reject_reason,
        coalesce({{ crm_rule_part(rules, '_rule_index', 'column') }}, {{ crm_rule_part(late_rules, '_late_rule_index', 'column') }}) as reject_column,
        case
            when _rule_index is not null then {{ crm_rule_part(rules, '_rule_index', 'value') }}
            else {{ crm_rule_part(late_rules, '_late_rule_index', 'value') }}
        end as reject_value
    from checked

)

select
    {%- for column in columns %}
    {% if column.data_type == 'integer' -%}
    {#- a safe cast: it runs over rejected rows too, whose values may not fit an int32 -#}
    {{ dbt.safe_cast(column.name, dbt.type_int()) }} as {{ column.name }},
    {%- else -%}
    {{ column.name }},
    {%- endif %}
    {%- if column.meta.get('money') %}
    {{ convert_amount(column.name, 'fx_rate') }} as {{ column.name }}_reporting,
    {%- endif %}
    {%- endfor %}
    {%- if fx %}
    fx_rate,
    {%- endif %}
    {#- a rejected row's key as written (trimmed); a clean row's key is in its typed
        columns, and a second copy of every key costs 10% of base_crm__activities -#}
    case
        when reject_reason is not null
            then concat_ws('|', {% for key in pk %}coalesce(_raw_{{ key }}, ''){{ ", " if not loop.last }}{% endfor %})
    end as row_key,
    _source_file,
    _source_row,
    reject_reason,
    reject_column,
    reject_value
from decided
{% endmacro %}


{#- The raw rows of a table, the given text columns trimmed_text() once (the typing reads a
    value several times, and DuckDB does not share a CASE between its uses), the lineage
    columns as they are: a subquery, read once. -#}
{% macro crm_trimmed_raw(table_name, column_names, passed_through) -%}
    (
        select
            {%- for name in column_names %}
            {{ trimmed_text(name) }} as {{ name }},
            {%- endfor %}
            {{ passed_through | join(', ') }}
        from {{ crm_raw_relation(table_name) }}
    )
{%- endmacro %}
