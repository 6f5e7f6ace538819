{#-
    "Today" for every KPI as a YYYY-MM-DD string, or none (then the latest event date
    counts, see int_months): var as_of_date, else the environment variable
    CRM_KPI_AS_OF_DATE. scripts/pipeline.py sets the environment variable (after checking
    the date is YYYY-MM-DD) rather than --vars: a change of vars makes dbt parse the
    whole project again, a changed environment variable only the files that read it.
    Unit tests see the var only (their own overrides), as they did with --vars.
-#}
{% macro crm_as_of_date() %}
    {#- a unit test sets its own vars: the run's environment must not reach it -#}
    {%- if model is defined and model is mapping and model.get('resource_type') == 'unit_test' -%}
        {{- return(var('as_of_date', none)) -}}
    {%- endif -%}
    {{- return(var('as_of_date', none) or env_var('CRM_KPI_AS_OF_DATE', '') or none) -}}
{% endmacro %}
