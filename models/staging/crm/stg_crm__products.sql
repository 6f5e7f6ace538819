with

products as (

    select * from {{ ref('base_crm__products') }}
    where reject_reason is null

)

select
    product_id,
    product_name,
    category,
    list_price,
    unit_cost,
    currency,
    is_subscription
from products
