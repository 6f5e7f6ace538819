-- Demo activities per occurred_at month and rep (months of the spine; only
-- month and rep pairs with at least one demo).
with

months as (

    select * from {{ ref('int_months') }}

),

activities as (

    select * from {{ ref('int_known__activities') }}
    where activity_type = 'demo'

)

select
    months.month,
    activities.rep_id,
    count(*) as demos
from months
inner join activities
    on months.month = {{ month_of('activities.occurred_at') }}
group by months.month, activities.rep_id
