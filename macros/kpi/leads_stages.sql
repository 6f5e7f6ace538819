{#-
    The lead lifecycle stages of the contract (lead_stage_history.stage): name,
    stage_order (display order, the contract's) and tie_rank (which entry is
    the latest when a lead has two entries at the same entered_at: the higher
    tie_rank wins, i.e. the stage further along the funnel, with customer above
    disqualified: the contract's order with those two swapped).
-#}
{% macro leads_lifecycle_stages() %}
    {%- set stages = crm_enum_values('lead_stage_history', 'stage') -%}
    {%- set rows = [] -%}
    {%- for stage in stages -%}
        {%- set tie_rank = {'customer': stages.index('disqualified') + 1,
                            'disqualified': stages.index('customer') + 1}.get(stage, loop.index) -%}
        {%- do rows.append({'stage': stage, 'stage_order': loop.index, 'tie_rank': tie_rank}) -%}
    {%- endfor -%}
    {{- return(rows) -}}
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
