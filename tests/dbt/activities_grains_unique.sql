-- Every multi-column grain of the activities and lead-response views is unique.
-- Returns the duplicated keys.
{%- set grains = [
    ('activities_by_type', ['month', 'rep_id']),
    ('time_on_sales_activities', ['month', 'rep_id', 'activity_type']),
    ('networking_events', ['month', 'rep_id']),
    ('social_engagement', ['month', 'social_kind']),
    ('sales_activity_ratio', ['month', 'rep_id']),
    ('customer_inquiry_response_time', ['month', 'channel']),
    ('conversion_by_touches_and_type', ['activity_type', 'touches_bucket']),
] %}

{% for model_name, columns in grains %}
    select
        '{{ model_name }}' as model_name,
        concat_ws(
            '|',
            {% for column in columns -%}
                cast({{ column }} as {{ dbt.type_string() }}){{ "," if not loop.last }}
            {% endfor -%}
        ) as grain_key,
        count(*) as row_count
    from {{ ref(model_name) }}
    group by {{ columns | join(', ') }}
    having count(*) > 1
    {% if not loop.last %}union all{% endif %}
{% endfor %}
