-- Every date found in an event column of the catalog's as-of rule, one row per
-- (source column, date). Quota and forecast periods and fx_rates do not count.
{%- set event_columns = [
    ('orders', 'ordered_at'),
    ('activities', 'occurred_at'),
    ('leads', 'created_at'),
    ('leads', 'converted_at'),
    ('opportunities', 'created_at'),
    ('opportunities', 'close_date'),
    ('lead_stage_history', 'entered_at'),
    ('opportunity_stage_history', 'entered_at'),
    ('quotes', 'sent_at'),
    ('invoices', 'issued_at'),
    ('support_tickets', 'opened_at'),
    ('support_tickets', 'first_response_at'),
    ('support_tickets', 'resolved_at'),
    ('nps_responses', 'responded_at'),
    ('csat_responses', 'responded_at'),
    ('employee_surveys', 'responded_at'),
    ('subscriptions', 'started_on'),
    ('subscriptions', 'ended_on'),
    ('platform_usage', 'usage_date'),
    ('competitor_prices', 'observed_on'),
    ('sales_marketing_expenses', 'expense_month'),
    ('forecasts', 'submitted_at'),
] %}

{% for table_name, column_name in event_columns %}
    select
        '{{ table_name }}.{{ column_name }}' as event_column,
        min(cast({{ column_name }} as date)) as first_date,
        max(cast({{ column_name }} as date)) as last_date
    from {{ ref('stg_crm__' ~ table_name) }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
