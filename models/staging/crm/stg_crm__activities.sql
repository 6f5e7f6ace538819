with

activities as (

    select * from {{ ref('base_crm__activities') }}
    where reject_reason is null

)

select
    activity_id,
    activity_type,
    direction,
    rep_id,
    lead_id,
    contact_id,
    account_id,
    opportunity_id,
    occurred_at,
    duration_minutes,
    outcome,
    social_kind
from activities
