-- One row per lead known at the as-of date (created on or before it): its
-- cohort month, its lifecycle (latest stage and every stage ever reached, from
-- the known lead_stage_history entries) and whether its converted account is a
-- customer (in int_customer_acquisitions, which holds only acquisitions on or
-- before the as-of date). Serves every lead conversion KPI. The lifecycle comes
-- from int_leads_lifecycle_summarized.
with

leads as (

    select * from {{ ref('int_known__leads') }}

),

lifecycles as (

    select * from {{ ref('int_leads_lifecycle_summarized') }}

),

acquisitions as (

    select * from {{ ref('int_customer_acquisitions') }}

)

select
    leads.lead_id,
    leads.created_at,
    cast(leads.created_at as date) as created_on,
    {{ month_of('leads.created_at') }} as created_month,
    leads.source,
    leads.origin,
    leads.campaign_id,
    leads.owner_rep_id,
    leads.converted_account_id,
    leads.converted_at,
    lifecycles.lead_id is not null as has_stage_history,
    -- a lead without stage history (as of the as-of date) is at stage 'lead'
    coalesce(lifecycles.latest_stage, 'lead') as latest_stage,
    lifecycles.latest_stage_entered_at,
    coalesce(lifecycles.reached_lead, true) as reached_lead,
    coalesce(lifecycles.reached_mql, false) as reached_mql,
    coalesce(lifecycles.reached_sql, false) as reached_sql,
    coalesce(lifecycles.reached_opportunity, false) as reached_opportunity,
    coalesce(lifecycles.reached_customer, false) as reached_customer,
    coalesce(lifecycles.reached_disqualified, false) as reached_disqualified,
    acquisitions.account_id is not null as is_customer,
    acquisitions.acquisition_date as customer_acquisition_date
from leads
left join lifecycles
    on leads.lead_id = lifecycles.lead_id
left join acquisitions
    on leads.converted_account_id = acquisitions.account_id
