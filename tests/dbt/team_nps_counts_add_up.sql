-- NPS and eNPS: promoters + passives + detractors = responses, and the score
-- is within -100..100. Returns the months that break either rule.
with

net_promoter_score as (

    select * from {{ ref('net_promoter_score') }}

),

employee_net_promoter_score as (

    select * from {{ ref('employee_net_promoter_score') }}

),

scores as (

    select
        'net_promoter_score' as kpi_id,
        month,
        responses,
        promoters + passives + detractors as classified,
        nps_score as score
    from net_promoter_score

    union all

    select
        'employee_net_promoter_score' as kpi_id,
        month,
        responses,
        promoters + passives + detractors as classified,
        enps_score as score
    from employee_net_promoter_score

)

select
    kpi_id,
    month,
    responses,
    classified,
    score
from scores
where
    classified <> responses
    or score < -100
    or score > 100
    or (responses = 0) <> (score is null)
