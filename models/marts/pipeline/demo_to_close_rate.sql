-- Demo-to-close rate per close month: closed deals with a demo that were won /
-- closed deals with a demo * 100.
with

monthly as (

    select * from {{ ref('int_opportunities_monthly') }}

)

select
    month,
    closed_with_demo,
    won_with_demo,
    {{ safe_pct('won_with_demo', 'closed_with_demo') }} as demo_to_close_pct
from monthly
