with

orders as (

    select * from {{ ref('base_crm__orders') }}
    where reject_reason is null

)

select
    order_id,
    account_id,
    opportunity_id,
    rep_id,
    location_id,
    ordered_at,
    status,
    currency,
    fx_rate
from orders
