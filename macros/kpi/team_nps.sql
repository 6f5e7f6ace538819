{#-
    The NPS rule, shared by net_promoter_score (nps_responses) and
    employee_net_promoter_score (employee_surveys): scores 0..10, promoters 9-10,
    passives 7-8, detractors 0-6.

    team_nps_is_promoter(score), team_nps_is_detractor(score): the per-row
        conditions (a response's class), as the semantic layer's row-grain fact
        sem_survey_responses flags each response.
    team_nps_counts(score): aggregate expressions, to use in a select ... group by:
        responses, promoters, passives, detractors.
    team_nps_score(promoters, detractors, responses): pct promoters - pct
        detractors, -100..100; null when there are no responses.
-#}
{% macro team_nps_is_promoter(score) -%}
    {{ score }} >= 9
{%- endmacro %}

{% macro team_nps_is_detractor(score) -%}
    {{ score }} <= 6
{%- endmacro %}

{% macro team_nps_counts(score) -%}
    count({{ score }}) as responses,
    count(case when {{ team_nps_is_promoter(score) }} then 1 end) as promoters,
    count(case when {{ score }} between 7 and 8 then 1 end) as passives,
    count(case when {{ team_nps_is_detractor(score) }} then 1 end) as detractors
{%- endmacro %}

{% macro team_nps_score(promoters, detractors, responses) -%}
    {{ safe_pct(promoters, responses) }} - {{ safe_pct(detractors, responses) }}
{%- endmacro %}
