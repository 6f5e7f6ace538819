{#-
    A model's row rules in one test (one query, one dbt node) rather than a test per
    column: the `not_null` columns hold no null, and the `unique` columns are unique
    together (a null counts as a value: two rows with the same month and a null rep_id
    are a duplicate). One row per broken rule, with how many rows break it.
    Model-level test:
        data_tests:
          - not_null_and_unique:
              arguments:
                not_null: [month, rep_id, revenue_amount]
                unique: [month, rep_id]
-#}
{% test not_null_and_unique(model, not_null=none, unique=none) %}

with

model_rows as (

    select * from {{ model }}

),

null_counts as (

    select
        {% for column in (not_null or []) %}
        sum(case when {{ column }} is null then 1 else 0 end) as nulls_{{ loop.index }},
        {% endfor %}
        count(*) as row_count
    from model_rows

),

duplicate_keys as (

    select {{ unique | join(', ') if unique else '1 as no_key' }}
    from model_rows
    {{ 'group by ' ~ unique | join(', ') ~ ' having count(*) > 1' if unique else 'where 1 = 0' }}

),

broken_rules as (

    {% for column in (not_null or []) %}
    select
        'not_null' as rule_name,
        '{{ column }}' as column_names,
        nulls_{{ loop.index }} as failing_rows
    from null_counts
    union all
    {% endfor %}
    select
        'unique' as rule_name,
        '{{ (unique or []) | join(", ") }}' as column_names,
        count(*) as failing_rows
    from duplicate_keys

)

select * from broken_rules
where failing_rows > 0

{% endtest %}
