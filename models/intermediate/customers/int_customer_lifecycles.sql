-- One row per acquired account with at least one converted lead: the created_at
-- date of its earliest lead converted into it (a lead of a customer account) and
-- the whole days from that date to the acquisition date. The one place the
-- customer lifecycle is measured (marts.customer_lifecycle_length, the semantic
-- layer's customer acquisitions).
with

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

)

select
    acquisitions.account_id,
    acquisitions.acquisition_date,
    acquisitions.acquisition_month,
    first_leads.first_lead_on,
    {{ dbt.datediff('first_leads.first_lead_on', 'acquisitions.acquisition_date', 'day') }} as lifecycle_days
from acquisitions
inner join first_leads
    on acquisitions.account_id = first_leads.account_id
