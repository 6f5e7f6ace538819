{#-
    A breakdown adds up to its total: sum(column_name) of the model, per `by`
    key, equals `to_column` of the `to` relation, within `tolerance`.
    Returns the keys that differ (a key missing on one side counts as 0). When the
    total has no rows at all (its KPI is unavailable: a table it needs was not
    supplied), there is nothing to add up to.
-#}
{% test sums_to(model, column_name, to, to_column, by, tolerance=0.01) %}

with

breakdown_totals as (

    select
        {{ by }},
        sum({{ column_name }}) as breakdown_total
    from {{ model }}
    group by {{ by }}

),

totals as (

    select
        {{ by }},
        {{ to_column }} as total
    from {{ to }}

)

select
    coalesce(totals.{{ by }}, breakdown_totals.{{ by }}) as {{ by }},
    totals.total,
    breakdown_totals.breakdown_total
from totals
full outer join breakdown_totals
    on totals.{{ by }} = breakdown_totals.{{ by }}
where
    exists (select 1 from {{ to }})
    and abs(coalesce(totals.total, 0) - coalesce(breakdown_totals.breakdown_total, 0)) > {{ tolerance }}

{% endtest %}
