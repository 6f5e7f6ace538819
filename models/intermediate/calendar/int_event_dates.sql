-- Every date found in an event column of the catalog's as-of rule, one row per
-- source column with its first and last date: the contract's columns with meta
-- `event` (crm_event_columns(), macros/staging/crm_known.sql). Quota and
-- forecast periods and fx_rates do not count.
{% for table_name, column_name in crm_event_columns() %}
    select
        '{{ table_name }}.{{ column_name }}' as event_column,
        min(cast({{ column_name }} as date)) as first_date,
        max(cast({{ column_name }} as date)) as last_date
    from {{ ref('stg_crm__' ~ table_name) }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
