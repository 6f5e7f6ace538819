{#-
    The six lead lifecycle stages of the contract (lead_stage_history.stage):
    name, stage_order (display order, the contract's) and tie_rank (which
    entry is the latest when a lead has two entries at the same entered_at:
    the higher tie_rank wins, i.e. the stage further along the funnel, with
    customer above disqualified).
-#}
{% macro leads_lifecycle_stages() %}
    {{- return([
        {'stage': 'lead', 'stage_order': 1, 'tie_rank': 1},
        {'stage': 'mql', 'stage_order': 2, 'tie_rank': 2},
        {'stage': 'sql', 'stage_order': 3, 'tie_rank': 3},
        {'stage': 'opportunity', 'stage_order': 4, 'tie_rank': 4},
        {'stage': 'customer', 'stage_order': 5, 'tie_rank': 6},
        {'stage': 'disqualified', 'stage_order': 6, 'tie_rank': 5},
    ]) -}}
{% endmacro %}

{#- The stages as a select of (stage, stage_order, tie_rank) rows, for a CTE. -#}
{% macro leads_lifecycle_stages_select() -%}
    {%- for s in leads_lifecycle_stages() %}
    select
        '{{ s.stage }}' as stage,
        {{ s.stage_order }} as stage_order,
        {{ s.tie_rank }} as tie_rank
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
