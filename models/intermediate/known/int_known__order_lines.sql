-- Order lines known at the as-of date: the lines of the known orders
-- (int_known__orders; a line has no date of its own).
with

order_lines as (

    select * from {{ ref('stg_crm__order_lines') }}

),

orders as (

    select * from {{ ref('int_known__orders') }}

)

select order_lines.*
from order_lines
inner join orders
    on order_lines.order_id = orders.order_id
