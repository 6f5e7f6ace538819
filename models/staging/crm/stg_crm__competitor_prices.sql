with

competitor_prices as (

    select * from {{ ref('base_crm__competitor_prices') }}
    where reject_reason is null

)

select
    product_id,
    competitor_name,
    observed_on,
    price,
    price_reporting,
    currency,
    fx_rate
from competitor_prices
