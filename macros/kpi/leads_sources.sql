{#- The lead sources of the contract (leads.source). -#}
{% macro leads_sources() %}
    {{- return(crm_enum_values('leads', 'source')) -}}
{% endmacro %}

{#-
    The source key of a lead: its source, 'unknown' when it has none (so a
    source grain never holds a null key).
-#}
{% macro leads_source_key(expression) -%}
    coalesce({{ expression }}, 'unknown')
{%- endmacro %}

{#-
    One row per source key: every contract source, plus the keys found in
    `leads_relation` (only 'unknown' can be new), as a select for a CTE.
-#}
{% macro leads_sources_select(leads_relation) -%}
    {%- for source in leads_sources() %}
    select '{{ source }}' as source
    union
    {%- endfor %}
    select {{ leads_source_key('source') }} as source
    from {{ leads_relation }}
{%- endmacro %}
