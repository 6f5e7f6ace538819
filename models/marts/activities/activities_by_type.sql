-- Activities per rep and month (of occurred_at): a count per activity_type and the total.
with

rep_types as (

    select * from {{ ref('int_activities_rep_types_monthly') }}

)

select
    month,
    rep_id,
    {% for activity_type in activities_activity_types() -%}
        sum(
            case when activity_type = '{{ activity_type }}' then activities else 0 end
        ) as {{ activity_type }}_activities,
    {% endfor -%}
    sum(activities) as activities
from rep_types
group by month, rep_id
