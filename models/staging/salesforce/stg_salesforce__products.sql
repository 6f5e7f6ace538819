-- Product2 as the contract's products; Family is the category. Prices live in
-- PricebookEntry (not read): list_price and unit_cost are empty.
with

products as (

    select * from {{ source('salesforce', 'product2') }}

)

select
    {{ salesforce_column('id') }} as product_id,
    {{ salesforce_column('name') }} as product_name,
    {{ salesforce_column('family') }} as category,
    cast(null as {{ dbt.type_string() }}) as list_price,
    cast(null as {{ dbt.type_string() }}) as unit_cost,
    upper(coalesce({{ salesforce_column('currency_iso_code') }}, {{ salesforce_default_currency() }})) as currency,
    cast(null as {{ dbt.type_string() }}) as is_subscription,
    {{ salesforce_lineage('products') }}
from products
