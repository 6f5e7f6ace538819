{{ config(materialized='table') }}
-- Every raw row that breaks the data contract, one row per raw row, with the
-- first rule it breaks (see macros/staging/crm_base_model.sql for the order).
{% for table_name in crm_tables() %}
    select
        '{{ table_name }}' as table_name,
        _source_file as source_file,
        _source_row as source_row,
        row_key,
        reject_reason as reason,
        reject_column as column_name,
        reject_value as offending_value
    from {{ ref('base_crm__' ~ table_name) }}
    where reject_reason is not null
    {% if not loop.last %}union all{% endif %}
{% endfor %}
