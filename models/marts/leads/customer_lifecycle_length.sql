-- customer_lifecycle_length: per acquisition month, the mean whole days from
-- the created_at date of the account's earliest converted lead to the account's
-- acquisition date (customers with at least one converted lead).
with

months as (

    select * from {{ ref('int_months') }}

),

acquisitions as (

    select * from {{ ref('int_customer_acquisitions') }}

),

leads as (

    select * from {{ ref('int_leads_enriched') }}

),

first_leads as (

    select
        converted_account_id as account_id,
        min(created_on) as first_lead_on
    from leads
    where is_customer
    group by converted_account_id

),

lifecycles as (

    select
        acquisitions.account_id,
        acquisitions.acquisition_month,
        {{ dbt.datediff('first_leads.first_lead_on', 'acquisitions.acquisition_date', 'day') }} as lifecycle_days
    from acquisitions
    inner join first_leads
        on acquisitions.account_id = first_leads.account_id

),

monthly as (

    select
        acquisition_month as month,
        count(*) as customers,
        avg(lifecycle_days) as mean_lifecycle_days
    from lifecycles
    group by acquisition_month

)

select
    months.month,
    coalesce(monthly.customers, 0) as customers,
    monthly.mean_lifecycle_days
from months
left join monthly
    on months.month = monthly.month
