-- Completed order lines of the KPI months, one row per line: the row-grain fact
-- of the semantic layer's revenue metrics. The same rows and reporting-currency
-- amounts that int_sales_monthly sums into marts.sales_revenue (lines of
-- completed orders, converted at the order date's rate), kept to the months of
-- the spine (int_months) as the mart is.

with

order_lines as (

    select * from {{ ref('int_order_lines_completed') }}

),

months as (

    select * from {{ ref('int_months') }}

)

select
    {{ dbt.concat([
        'order_lines.order_id',
        "'-'",
        'cast(order_lines.line_number as ' ~ dbt.type_string() ~ ')',
    ]) }} as order_line_id,
    order_lines.order_id,
    order_lines.line_number,
    order_lines.product_id,
    order_lines.account_id,
    order_lines.rep_id,
    order_lines.location_id,
    order_lines.ordered_on,
    order_lines.quantity,
    order_lines.revenue_amount
from order_lines
inner join months
    on order_lines.month = months.month
