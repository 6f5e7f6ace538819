-- Leads known at the as-of date: created on or before it (later ones do not
-- exist yet). A conversion after the as-of date has not happened yet:
-- converted_at and converted_account_id are null then.
with

leads as (

    select * from {{ ref('stg_crm__leads') }}

),

as_of as (

    select known_through_date from {{ ref('int_as_of_date') }}

),

known_leads as (

    select
        leads.*,
        leads.converted_at is not null
        and cast(leads.converted_at as date) > as_of.known_through_date as is_converted_later
    from leads
    cross join as_of
    where {{ crm_known_condition('leads', 'leads') }}

)

select
    lead_id,
    created_at,
    full_name,
    email,
    company_name,
    source,
    origin,
    campaign_id,
    owner_rep_id,
    case when not is_converted_later then converted_account_id end as converted_account_id,
    case when not is_converted_later then converted_at end as converted_at
from known_leads
