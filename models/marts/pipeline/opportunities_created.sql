-- Opportunities created per created_at month (per rep: opportunities_created_by_rep).
with

monthly as (

    select * from {{ ref('int_opportunities_monthly') }}

)

select
    month,
    opportunities_created
from monthly
