-- Accounts acquired in a month of the spine, one row per new customer by its
-- acquisition date (int_customer_acquisitions: the one acquisition date), with
-- its acquisition source and, when a converted lead led to it, its lifecycle
-- days (int_customer_lifecycles): the row-grain fact of new_customers,
-- referrals and customer_lifecycle_length.

with

acquisitions as (

    select * from {{ ref('int_customer_acquisitions') }}

),

lifecycles as (

    select * from {{ ref('int_customer_lifecycles') }}

),

months as (

    select * from {{ ref('int_months') }}

)

select
    acquisitions.account_id,
    acquisitions.acquisition_date as acquired_on,
    acquisitions.acquisition_source,
    lifecycles.lifecycle_days,
    case when lifecycles.account_id is not null then 1 else 0 end as has_lifecycle
from acquisitions
inner join months
    on acquisitions.acquisition_month = months.month
left join lifecycles
    on acquisitions.account_id = lifecycles.account_id
