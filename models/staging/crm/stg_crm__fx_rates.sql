with

fx_rates as (

    select * from {{ ref('base_crm__fx_rates') }}
    where reject_reason is null

)

select
    rate_date,
    from_currency,
    to_currency,
    rate
from fx_rates
