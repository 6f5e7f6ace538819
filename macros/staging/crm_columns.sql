{#-
    The shapes a present value must have to be parsed at all: DuckDB's casts also
    accept 'infinity', 'epoch', '2025/03/04' or '1_000', which the contract does not.
-#}
{% macro crm_value_patterns() %}
    {{- return({
        'date': '[0-9]{4}-[0-9]{2}-[0-9]{2}',
        'timestamp': '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?',
        'number': '[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?',
        'integer': '[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?',
        'currency': '[A-Z]{3}',
    }) -}}
{% endmacro %}


{#- Typed value of a raw text column, by the contract's data_type (macros/staging/crm_contract.sql).
    The column is already trimmed_text(): crm_base_model trims each column once, in a
    subquery (crm_trimmed_raw), as the typing reads a value up to eight times. -#}
{% macro crm_typed_column(column) -%}
    {%- set raw = column.name -%}
    {%- set data_type = column.data_type -%}
    {%- if data_type == 'enum' and column.meta.get('upper') -%}
        upper({{ raw }})
    {%- elif data_type == 'enum' -%}
        lower({{ raw }})
    {%- elif data_type == 'currency' -%}
        upper({{ raw }})
    {%- elif data_type == 'date' -%}
        case when {{ matches_pattern(raw, crm_value_patterns()['date']) }} then {{ dbt.safe_cast(raw, api.Column.translate_type('date')) }} end
    {%- elif data_type == 'timestamp' -%}
        case when {{ matches_pattern(raw, crm_value_patterns()['timestamp']) }} then {{ safe_timestamp(raw) }} end
    {%- elif data_type in ('number', 'integer') -%}
        case when {{ matches_pattern(raw, crm_value_patterns()['number']) }} then {{ dbt.safe_cast(raw, crm_number_type(column)) }} end
    {%- elif data_type == 'boolean' -%}
        case lower({{ raw }}) when 'true' then true when 'false' then false end
    {%- else -%}
        {{ raw }}
    {%- endif -%}
{%- endmacro %}


{#-
    The SQL type a number or integer column is parsed into: numeric(28,6)
    (dbt.type_numeric()), or a double for a column with meta precision: double
    (an FX rate of 0.0000613 keeps every digit, numeric(28,6) would round it to 0.000061).
    Integers are checked as numerics and cast to int32 at the end (crm_base_model).
-#}
{% macro crm_number_type(column) -%}
    {%- set precision = column.meta.get('precision') -%}
    {%- if precision is none -%}
        {{- return(dbt.type_numeric()) -}}
    {%- elif precision == 'double' and column.data_type == 'number' -%}
        {{- return(type_double()) -}}
    {%- else -%}
        {{- exceptions.raise_compiler_error("Column '" ~ column.name ~ "': meta precision must be 'double', on a number column (macros/staging/crm_contract.sql)") -}}
    {%- endif -%}
{%- endmacro %}


{#-
    The window of valid dates, from the vars valid_date_min and valid_date_max
    (dbt_project.yml; both inclusive, YYYY-MM-DD). A date or timestamp outside it
    is out_of_range: one year-9999 typo would otherwise become the default as-of
    date and a 120,000-month spine.
-#}
{% macro crm_valid_date_window() %}
    {%- set window = [] -%}
    {%- for name in ['valid_date_min', 'valid_date_max'] -%}
        {%- set value = var(name) | string -%}
        {%- if not modules.re.fullmatch('[0-9]{4}-[0-9]{2}-[0-9]{2}', value) -%}
            {{- exceptions.raise_compiler_error("var " ~ name ~ " must be a YYYY-MM-DD date, not '" ~ value ~ "'") -}}
        {%- endif -%}
        {%- do window.append(value) -%}
    {%- endfor -%}
    {%- if window[0] > window[1] -%}
        {{- exceptions.raise_compiler_error("var valid_date_min (" ~ window[0] ~ ") is after valid_date_max (" ~ window[1] ~ ")") -}}
    {%- endif -%}
    {{- return(window) -}}
{% endmacro %}


{#-
    Out-of-range conditions of one column over the `typed` CTE (or-ed into one
    out_of_range rule): the contract's min / min_exclusive / max; for integers the
    int32 range they are cast to (unless min / max are narrower); for dates and
    timestamps (their UTC date) the valid date window; for doubles, finiteness
    ('1e400' parses as infinity).
-#}
{% macro crm_range_conditions(column) %}
    {%- set name = column.name -%}
    {%- set meta = column.meta -%}
    {%- set bounds = [] -%}
    {%- if meta.get('min') is not none -%}{%- do bounds.append(name ~ " < " ~ meta['min']) -%}{%- endif -%}
    {%- if meta.get('min_exclusive') is not none -%}{%- do bounds.append(name ~ " <= " ~ meta['min_exclusive']) -%}{%- endif -%}
    {%- if meta.get('max') is not none -%}{%- do bounds.append(name ~ " > " ~ meta['max']) -%}{%- endif -%}
    {%- if column.data_type == 'integer' -%}
        {%- set lowest = meta.get('min', meta.get('min_exclusive')) -%}
        {%- if lowest is none or lowest | float < -2147483648 -%}{%- do bounds.append(name ~ " < -2147483648") -%}{%- endif -%}
        {%- if meta.get('max') is none or meta['max'] | float > 2147483647 -%}{%- do bounds.append(name ~ " > 2147483647") -%}{%- endif -%}
    {%- elif column.data_type in ('date', 'timestamp') -%}
        {%- set window = crm_valid_date_window() -%}
        {%- set date_type = api.Column.translate_type('date') -%}
        {%- do bounds.append("cast(" ~ name ~ " as " ~ date_type ~ ") < cast('" ~ window[0] ~ "' as " ~ date_type ~ ")") -%}
        {%- do bounds.append("cast(" ~ name ~ " as " ~ date_type ~ ") > cast('" ~ window[1] ~ "' as " ~ date_type ~ ")") -%}
    {%- elif column.data_type == 'number' and meta.get('precision') == 'double' -%}
        {%- do bounds.append("abs(" ~ name ~ ") > 1.7976931348623157e308") -%}
    {%- endif -%}
    {{- return(bounds) -}}
{% endmacro %}


{#- The reason code when a present raw value does not parse as its data_type. -#}
{% macro crm_parse_reason(data_type) -%}
    {{- return({
        'date': 'unparsable_date',
        'timestamp': 'unparsable_date',
        'number': 'unparsable_number',
        'integer': 'unparsable_number',
        'boolean': 'unparsable_boolean',
        'currency': 'bad_enum',
        'enum': 'bad_enum',
    }.get(data_type)) -}}
{%- endmacro %}


{#-
    Ordered rules of one contract table: (condition over the `typed` CTE,
    reason code, column). The first rule that holds is the row's reject reason.
    Foreign keys and FX come later, in crm_base_model().
-#}
{% macro crm_row_rules(table) %}
    {%- set rules = [] -%}
    {%- set pk = table.meta.primary_key -%}
    {%- for column in pk -%}
        {%- do rules.append(("_raw_" ~ column ~ " is null", 'null_key', column)) -%}
    {%- endfor -%}
    {%- for column in table.columns if column.meta.get('required') -%}
        {%- do rules.append(("_raw_" ~ column.name ~ " is null", 'missing_value', column.name)) -%}
    {%- endfor -%}
    {#- every parse rule before every enum rule -#}
    {%- for column in table.columns -%}
        {%- set reason = crm_parse_reason(column.data_type) -%}
        {%- if reason and reason != 'bad_enum' -%}
            {%- do rules.append(("_raw_" ~ column.name ~ " is not null and " ~ column.name ~ " is null", reason, column.name)) -%}
            {%- if column.data_type == 'integer' -%}
                {%- do rules.append((column.name ~ " <> floor(" ~ column.name ~ ")", reason, column.name)) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for column in table.columns -%}
        {%- if column.data_type == 'currency' -%}
            {%- do rules.append(("not " ~ matches_pattern(column.name, crm_value_patterns()['currency']), 'bad_enum', column.name)) -%}
        {%- elif column.data_type == 'enum' and column.meta.get('values') -%}
            {%- set values = column.meta['values'] | map('string') | map('upper' if column.meta.get('upper') else 'lower') | list -%}
            {%- do rules.append((column.name ~ " not in ('" ~ values | join("', '") ~ "')", 'bad_enum', column.name)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for column in table.columns -%}
        {%- set bounds = crm_range_conditions(column) -%}
        {%- if bounds -%}
            {%- do rules.append(("(" ~ bounds | join(" or ") ~ ")", 'out_of_range', column.name)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do rules.append(("_is_repeated_key", 'duplicate_key', pk[0])) -%}
    {%- for check in table.meta.get('row_checks', []) -%}
        {%- do rules.append((check.condition, check.reason, check.column)) -%}
    {%- endfor -%}
    {{- return(rules) -}}
{% endmacro %}


{#- The number (1, 2...) of the first rule that holds, null when none does: each rule's
    condition is evaluated once, and crm_rule_part() looks up its reason, column or raw
    value (three case expressions evaluated every condition three times:
    base_crm__activities took 16.8 s alone at scale 100, against 15.2 s). -#}
{% macro crm_first_rule_index(rules) -%}
    {%- if not rules -%}
    cast(null as {{ dbt.type_int() }})
    {%- else -%}
    case
        {%- for condition, reason, column in rules %}
        when {{ condition }} then {{ loop.index }}
        {%- endfor %}
    end
    {%- endif -%}
{%- endmacro %}


{#- The reason / column / raw value of rule number `index` (crm_first_rule_index), null for none. -#}
{% macro crm_rule_part(rules, index, part) -%}
    {%- if not rules -%}
    cast(null as {{ dbt.type_string() }})
    {%- else -%}
    case {{ index }}
        {%- for condition, reason, column in rules %}
        when {{ loop.index }} then {% if part == 'reason' %}'{{ reason }}'{% elif part == 'column' %}'{{ column }}'{% else %}_raw_{{ column }}{% endif %}
        {%- endfor %}
    end
    {%- endif -%}
{%- endmacro %}
