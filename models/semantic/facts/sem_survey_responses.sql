-- Survey responses known at the as-of date and answered in a month of the
-- spine, one row per response of the three surveys: the row-grain fact of the
-- semantic layer's NPS, CSAT and eNPS. The same responses the marts count per
-- month (marts.net_promoter_score, marts.customer_satisfaction,
-- marts.employee_net_promoter_score), each flagged 0/1 as a promoter or a
-- detractor (the NPS rule, macros/kpi/team_nps.sql) or as satisfied (CSAT 4
-- or 5, the rule of marts.customer_satisfaction).

with

nps_responses as (

    select * from {{ ref('int_known__nps_responses') }}

),

csat_responses as (

    select * from {{ ref('int_known__csat_responses') }}

),

employee_surveys as (

    select * from {{ ref('int_known__employee_surveys') }}

),

months as (

    select * from {{ ref('int_months') }}

),

responses as (

    select
        'nps' as survey,
        response_id,
        account_id,
        cast(null as {{ dbt.type_string() }}) as rep_id,
        responded_at,
        score,
        case when {{ team_nps_is_promoter('score') }} then 1 else 0 end as is_promoter,
        case when {{ team_nps_is_detractor('score') }} then 1 else 0 end as is_detractor,
        0 as is_satisfied
    from nps_responses
    union all
    select
        'csat' as survey,
        response_id,
        account_id,
        cast(null as {{ dbt.type_string() }}) as rep_id,
        responded_at,
        score,
        0 as is_promoter,
        0 as is_detractor,
        case when score >= 4 then 1 else 0 end as is_satisfied
    from csat_responses
    union all
    select
        'enps' as survey,
        response_id,
        cast(null as {{ dbt.type_string() }}) as account_id,
        rep_id,
        responded_at,
        score,
        case when {{ team_nps_is_promoter('score') }} then 1 else 0 end as is_promoter,
        case when {{ team_nps_is_detractor('score') }} then 1 else 0 end as is_detractor,
        0 as is_satisfied
    from employee_surveys

)

select
    {{ dbt.concat(['responses.survey', "'-'", 'responses.response_id']) }} as survey_response_id,
    responses.survey,
    responses.response_id,
    responses.account_id,
    responses.rep_id,
    cast(responses.responded_at as date) as responded_on,
    responses.score,
    responses.is_promoter,
    responses.is_detractor,
    responses.is_satisfied
from responses
inner join months
    on {{ month_of('responses.responded_at') }} = months.month
