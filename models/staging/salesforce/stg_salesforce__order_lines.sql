-- OrderItem ("order products") as the contract's order_lines, in the order's
-- currency. line_number numbers an order's items by OrderItemNumber (then Id);
-- UnitPrice is the net price Salesforce bills, so there is no discount_amount.
with

order_items as (

    select * from {{ source('salesforce', 'order_item') }}

),

renamed as (

    select
        {{ salesforce_column('id') }} as order_item_id,
        {{ salesforce_column('order_id') }} as order_id,
        {{ salesforce_column('order_item_number') }} as order_item_number,
        {{ salesforce_column('product2_id') }} as product_id,
        {{ salesforce_column('quantity') }} as quantity,
        {{ salesforce_column('unit_price') }} as unit_price,
        {{ salesforce_lineage('order_items') }}
    from order_items

)

select
    order_id,
    cast(
        row_number() over (partition by order_id order by order_item_number, order_item_id, _source_row)
        as {{ dbt.type_string() }}
    ) as line_number,
    product_id,
    quantity,
    unit_price,
    cast(null as {{ dbt.type_string() }}) as discount_amount,
    _source_file,
    _source_row,
    _source_deleted
from renamed
