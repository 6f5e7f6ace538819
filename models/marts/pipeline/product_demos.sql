-- Product demos: demo activities per occurred_at month (per rep:
-- product_demos_by_rep).
with

months as (

    select * from {{ ref('int_months') }}

),

activities as (

    select * from {{ ref('int_known__activities') }}
    where activity_type = 'demo'

),

demos as (

    select
        {{ month_of('occurred_at') }} as month,
        count(*) as demos
    from activities
    group by {{ month_of('occurred_at') }}

)

select
    months.month,
    coalesce(demos.demos, 0) as demos
from months
left join demos
    on months.month = demos.month
