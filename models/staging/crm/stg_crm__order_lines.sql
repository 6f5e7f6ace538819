with

order_lines as (

    select * from {{ ref('base_crm__order_lines') }}
    where reject_reason is null

),

orders as (

    select * from {{ ref('base_crm__orders') }}
    where reject_reason is null

),

converted as (

    -- lines are in their order's currency: convert at the order's rate (ordered_at)
    select
        order_lines.order_id,
        order_lines.line_number,
        order_lines.product_id,
        order_lines.quantity,
        order_lines.unit_price,
        coalesce(order_lines.discount_amount, 0) as discount_amount,
        orders.currency,
        {{ convert_amount('order_lines.unit_price', 'orders.fx_rate') }} as unit_price_reporting,
        {{ convert_amount('coalesce(order_lines.discount_amount, 0)', 'orders.fx_rate') }} as discount_amount_reporting,
        orders.fx_rate
    from order_lines
    inner join orders
        on order_lines.order_id = orders.order_id

)

select * from converted
