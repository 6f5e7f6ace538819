{#-
    The Salesforce adapter (docs/SALESFORCE.md): which Salesforce objects landing reads
    and which contract tables they feed. Objects come as Data Export / Data Loader CSV
    files (API names: Opportunity.csv, StageName), Fivetran tables (opportunity,
    stage_name, _fivetran_deleted) or Airbyte streams (API names again). Landing snake_cases
    every file name and header (StageName -> stage_name), so the fields below are written
    once, snake_case; salesforce_manifest() adds, for each, the spelling without
    underscores (stagename) that Airbyte's and other loaders' case-folding destinations
    produce from an API name, and salesforce_column() coalesces the two.
-#}
{% macro salesforce_objects() %}
{%- set objects_yaml -%}
# object: {aliases: [...], required: bool, fields: [...]}  (snake_case API field names)
opportunity:
  aliases: [opportunities]
  required: true
  fields: [id, account_id, owner_id, name, type, created_date, close_date, stage_name, amount, currency_iso_code,
           probability, is_closed, is_won, is_deleted]
opportunity_history:
  aliases: [opportunity_histories]
  fields: [id, opportunity_id, stage_name, probability, created_date, is_deleted]
opportunity_stage:
  aliases: [opportunity_stages]
  fields: [id, master_label, api_name, sort_order, is_active, is_closed, is_won, default_probability]
account:
  aliases: [accounts]
  fields: [id, name, industry, billing_country, created_date, owner_id, account_source, is_deleted]
user:
  aliases: [users]
  fields: [id, name, first_name, last_name, email, title, department, user_role_id, manager_id, country]
user_role:
  aliases: [user_roles]
  fields: [id, name]
contact:
  aliases: [contacts]
  fields: [id, account_id, name, first_name, last_name, email, phone, title, created_date, is_deleted]
lead:
  aliases: [leads]
  fields: [id, created_date, name, first_name, last_name, email, company, lead_source, owner_id, is_converted,
           converted_account_id, converted_opportunity_id, converted_date, is_deleted]
task:
  aliases: [tasks]
  fields: [id, task_subtype, type, subject, call_type, call_duration_in_seconds, status, owner_id, who_id, what_id,
           account_id, activity_date, completed_date_time, created_date, is_deleted]
event:
  aliases: [events]
  fields: [id, event_subtype, type, subject, duration_in_minutes, owner_id, who_id, what_id, account_id,
           activity_date, activity_date_time, start_date_time, created_date, is_deleted]
quote:
  aliases: [quotes]
  fields: [id, opportunity_id, account_id, created_by_id, created_date, status, grand_total, total_price,
           currency_iso_code, is_deleted]
product2:
  aliases: [product_2, products]
  fields: [id, name, family, currency_iso_code, is_deleted]
order:
  aliases: [orders]
  fields: [id, account_id, opportunity_id, owner_id, effective_date, activated_date, status, status_code,
           is_reduction_order, currency_iso_code, is_deleted]
order_item:
  aliases: [order_items, order_product, order_products]
  fields: [id, order_id, order_item_number, product2_id, quantity, unit_price, is_deleted]
campaign:
  aliases: [campaigns]
  fields: [id, name, type, start_date, end_date, budgeted_cost, currency_iso_code, created_date, is_deleted]
currency_type:
  aliases: [currency_types]
  fields: [iso_code, conversion_rate, is_corporate, is_active]
dated_conversion_rate:
  aliases: [dated_conversion_rates]
  fields: [id, iso_code, conversion_rate, start_date, is_deleted]
{%- endset -%}
{{- return(fromyaml(objects_yaml)) -}}
{% endmacro %}


{#-
    The adapter manifest (ADAPTER_INTERFACE.md): every object with each field in its
    snake_case spelling and its underscore-free spelling, plus Fivetran's
    _fivetran_deleted; and the contract tables each object supplies.
-#}
{% macro salesforce_manifest() %}
    {%- set objects = [] -%}
    {%- for name, spec in salesforce_objects().items() -%}
        {%- set columns = [] -%}
        {%- for field in spec.fields -%}
            {%- for spelling in salesforce_spellings(field) if spelling not in columns -%}
                {%- do columns.append(spelling) -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- do columns.append('_fivetran_deleted') -%}
        {%- do objects.append({
            'name': name,
            'aliases': spec.get('aliases', []),
            'required': spec.get('required', false),
            'columns': columns,
        }) -%}
    {%- endfor -%}
    {%- set tables_yaml -%}
opportunities: [opportunity]
pipeline_stages: [opportunity]
opportunity_stage_history: [opportunity_history]
accounts: [account]
sales_reps: [user]
contacts: [contact]
leads: [lead]
lead_stage_history: [lead]
activities: [task]
quotes: [quote]
products: [product2]
campaigns: [campaign]
fx_rates: [currency_type]
orders: [order]
order_lines: [order_item]
    {%- endset -%}
    {{- return({'objects': objects, 'tables': fromyaml(tables_yaml)}) -}}
{% endmacro %}


{#-
    The column names one Salesforce field may land under: the API name snake_cased
    (stage_name, product2_id), without underscores (stagename, product2id), and with
    Fivetran's underscore before a digit (product_2_id).
-#}
{% macro salesforce_spellings(field) %}
    {%- set fivetran = namespace(text='', previous='') -%}
    {%- for char in field -%}
        {%- if char.isdigit() and fivetran.previous.isalpha() -%}
            {%- set fivetran.text = fivetran.text ~ '_' -%}
        {%- endif -%}
        {%- set fivetran.text = fivetran.text ~ char -%}
        {%- set fivetran.previous = char -%}
    {%- endfor -%}
    {%- set spellings = [field] -%}
    {%- for spelling in [field | replace('_', ''), fivetran.text] if spelling not in spellings -%}
        {%- do spellings.append(spelling) -%}
    {%- endfor -%}
    {{- return(spellings) -}}
{% endmacro %}


{#- A field's text, trimmed, null when empty, whichever of its spellings the object has. -#}
{% macro salesforce_column(field, relation=none) -%}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    {%- set spellings = salesforce_spellings(field) -%}
    {%- if spellings | length == 1 -%}
        nullif(trim({{ prefix }}{{ field }}), '')
    {%- else -%}
        coalesce(
            {%- for spelling in spellings -%}
                nullif(trim({{ prefix }}{{ spelling }}), ''){{ ", " if not loop.last }}
            {%- endfor -%}
        )
    {%- endif -%}
{%- endmacro %}


{#- A Salesforce checkbox as a SQL boolean: true/false (Data Loader, Fivetran) or 1/0; else null. -#}
{% macro salesforce_boolean(expression) -%}
    case
        when lower({{ expression }}) in ('true', '1', 't', 'yes') then true
        when lower({{ expression }}) in ('false', '0', 'f', 'no') then false
    end
{%- endmacro %}


{#-
    A date field as the contract's YYYY-MM-DD: Fivetran may land a date as
    '2018-12-19 00:00:00'. Anything else passes unchanged, so that the core
    rejects it as unparsable_date with its value.
-#}
{% macro salesforce_date(expression) -%}
    case
        when {{ matches_pattern(expression, '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ].*)?') }}
            then left({{ expression }}, 10)
        else {{ expression }}
    end
{%- endmacro %}


{#- The id when it is a record of the object with that 3-character key prefix (006 opportunity...), else null. -#}
{% macro salesforce_id_of(expression, key_prefix) -%}
    case when left({{ expression }}, 3) = '{{ key_prefix }}' then {{ expression }} end
{%- endmacro %}


{#-
    The lineage every adapter model ends with: the vendor file (or table) and row, and
    whether the vendor marks the row deleted (IsDeleted, or Fivetran's _fivetran_deleted;
    objects without either are never deleted).
-#}
{% macro salesforce_lineage(relation, has_is_deleted=true) -%}
    {{ relation }}._source_file,
    {{ relation }}._source_row,
    coalesce(
        {%- if has_is_deleted %}
        {{ salesforce_boolean(salesforce_column('is_deleted', relation)) }},
        {%- endif %}
        false
    )
    or coalesce({{ salesforce_boolean("nullif(trim(" ~ relation ~ "._fivetran_deleted), '')") }}, false) as _source_deleted
{%- endmacro %}


{#-
    A picklist value mapped by keywords: the value of the first [pattern, value] pair whose
    regular expression occurs in the lower-cased text, else null (an unknown picklist value
    is left empty rather than rejected, so the row still counts).
-#}
{% macro salesforce_keyword_map(expression, mapping) -%}
    case
        {%- for pattern, value in mapping %}
        when {{ matches_pattern('lower(' ~ expression ~ ')', '.*(' ~ pattern ~ ').*') }} then '{{ value }}'
        {%- endfor %}
    end
{%- endmacro %}


{#-
    The currency of a row without CurrencyIsoCode (a single-currency org's export has none):
    var salesforce_default_currency, by default the reporting currency.
-#}
{% macro salesforce_default_currency() -%}
    '{{ var("salesforce_default_currency", none) or var("reporting_currency") }}'
{%- endmacro %}


{#- A Salesforce number field (Amount, Probability...) as a number, null when unparsable. -#}
{% macro salesforce_number(expression) -%}
    {{ dbt.safe_cast(expression, dbt.type_numeric()) }}
{%- endmacro %}


{#- A person's name: Name, else FirstName and LastName (exports may carry only the parts). -#}
{% macro salesforce_full_name() -%}
    coalesce(
        {{ salesforce_column('name') }},
        nullif(trim(concat_ws(' ', {{ salesforce_column('first_name') }}, {{ salesforce_column('last_name') }})), '')
    )
{%- endmacro %}
