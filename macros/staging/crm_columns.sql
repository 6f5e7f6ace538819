{#- Typed value of a raw text column, by the contract's data_type (see _crm__sources.yml). -#}
{% macro crm_typed_column(column) -%}
    {%- set raw = "nullif(trim(" ~ column.name ~ "), '')" -%}
    {%- set data_type = column.data_type -%}
    {%- if data_type == 'enum' and column.meta.get('upper') -%}
        upper({{ raw }})
    {%- elif data_type == 'enum' -%}
        lower({{ raw }})
    {%- elif data_type == 'currency' -%}
        upper({{ raw }})
    {%- elif data_type == 'date' -%}
        {{ dbt.safe_cast(raw, api.Column.translate_type('date')) }}
    {%- elif data_type == 'timestamp' -%}
        {{ safe_timestamp(raw) }}
    {%- elif data_type in ('number', 'integer') -%}
        {{ dbt.safe_cast(raw, dbt.type_numeric()) }}
    {%- elif data_type == 'boolean' -%}
        case lower({{ raw }}) when 'true' then true when 'false' then false end
    {%- else -%}
        {{ raw }}
    {%- endif -%}
{%- endmacro %}


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
        {%- do rules.append((column ~ " is null", 'null_key', column)) -%}
    {%- endfor -%}
    {%- for column in table.columns if column.meta.get('required') -%}
        {%- do rules.append(("_raw_" ~ column.name ~ " is null", 'missing_value', column.name)) -%}
    {%- endfor -%}
    {%- for column in table.columns -%}
        {%- set reason = crm_parse_reason(column.data_type) -%}
        {%- if reason == 'bad_enum' and column.data_type == 'currency' -%}
            {%- do rules.append(("length(" ~ column.name ~ ") <> 3", reason, column.name)) -%}
        {%- elif reason == 'bad_enum' and column.meta.get('values') -%}
            {%- set values = column.meta['values'] | map('string') | map('upper' if column.meta.get('upper') else 'lower') | list -%}
            {%- do rules.append((column.name ~ " not in ('" ~ values | join("', '") ~ "')", reason, column.name)) -%}
        {%- elif reason and reason != 'bad_enum' -%}
            {%- do rules.append(("_raw_" ~ column.name ~ " is not null and " ~ column.name ~ " is null", reason, column.name)) -%}
            {%- if column.data_type == 'integer' -%}
                {%- do rules.append((column.name ~ " <> floor(" ~ column.name ~ ")", reason, column.name)) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for column in table.columns -%}
        {%- set bounds = [] -%}
        {%- if column.meta.get('min') is not none -%}{%- do bounds.append(column.name ~ " < " ~ column.meta['min']) -%}{%- endif -%}
        {%- if column.meta.get('min_exclusive') is not none -%}{%- do bounds.append(column.name ~ " <= " ~ column.meta['min_exclusive']) -%}{%- endif -%}
        {%- if column.meta.get('max') is not none -%}{%- do bounds.append(column.name ~ " > " ~ column.meta['max']) -%}{%- endif -%}
        {%- if bounds -%}
            {%- do rules.append(("(" ~ bounds | join(" or ") ~ ")", 'out_of_range', column.name)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do rules.append(("_key_occurrence > 1", 'duplicate_key', pk[0])) -%}
    {%- for check in table.meta.get('row_checks', []) -%}
        {%- do rules.append((check.condition, check.reason, check.column)) -%}
    {%- endfor -%}
    {{- return(rules) -}}
{% endmacro %}


{#- case expressions picking, for the first rule that holds, its reason / column / raw value. -#}
{% macro crm_first_rule(rules, part) -%}
    {%- if not rules -%}
    cast(null as {{ dbt.type_string() }})
    {%- else -%}
    case
        {%- for condition, reason, column in rules %}
        when {{ condition }} then {% if part == 'reason' %}'{{ reason }}'{% elif part == 'column' %}'{{ column }}'{% else %}_raw_{{ column }}{% endif %}
        {%- endfor %}
    end
    {%- endif -%}
{%- endmacro %}
