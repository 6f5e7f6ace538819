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


{#-
    The whole monthly NPS model over one survey relation (columns responded_at,
    score): every month of the spine with its response counts, the promoter and
    detractor shares and the score (null in a month without responses).
-#}
{% macro team_nps_monthly(responses, score_alias) %}

with

months as (

    select * from {{ ref('int_months') }}

),

responses as (

    select * from {{ responses }}

),

monthly_counts as (

    select
        {{ month_of('responded_at') }} as month,
        {{ team_nps_counts('score') }}
    from responses
    group by {{ month_of('responded_at') }}

),

months_with_counts as (

    select
        months.month,
        coalesce(monthly_counts.responses, 0) as responses,
        coalesce(monthly_counts.promoters, 0) as promoters,
        coalesce(monthly_counts.passives, 0) as passives,
        coalesce(monthly_counts.detractors, 0) as detractors
    from months
    left join monthly_counts
        on months.month = monthly_counts.month

)

select
    month,
    responses,
    promoters,
    passives,
    detractors,
    {{ safe_pct('promoters', 'responses') }} as promoters_pct,
    {{ safe_pct('detractors', 'responses') }} as detractors_pct,
    {{ team_nps_score('promoters', 'detractors', 'responses') }} as {{ score_alias }}
from months_with_counts

{% endmacro %}
