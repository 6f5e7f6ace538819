-- New customers per month of the spine (accounts whose acquisition date falls
-- in it; 0 when none). The one count behind new_customers, CAC and retention.
with

months as (

    select * from {{ ref('int_months') }}

),

acquisitions as (

    select * from {{ ref('int_customer_acquisitions') }}

),

counted as (

    select
        acquisition_month as month,
        count(*) as new_customers
    from acquisitions
    group by acquisition_month

)

select
    months.month,
    coalesce(counted.new_customers, 0) as new_customers
from months
left join counted
    on months.month = counted.month
