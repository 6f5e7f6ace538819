-- One row per lead: its first touch (earliest outbound activity with its
-- lead_id; ties on occurred_at go to the lowest activity_id), response time,
-- outbound touch counts, prospect-response flags and whether its
-- converted_account_id became a customer. Serves the six lead-response KPIs.
-- Leads and "became a customer" come from int_leads_enriched (the leads scope:
-- leads created on or before the as-of date, customers acquired on or before it);
-- the touches from int_activities_lead_touches_counted.
with

leads as (

    select
        lead_id,
        created_at,
        converted_account_id,
        converted_at,
        is_customer
    from {{ ref('int_leads_enriched') }}

),

touches as (

    select * from {{ ref('int_activities_lead_touches_counted') }}

),

responses as (

    select * from {{ ref('int_activities_lead_responses') }}

),

response_flags as (

    select
        lead_id,
        count(*) as responses,
        max(case when is_positive then 1 else 0 end) = 1 as has_positive_response,
        max(case when is_negative then 1 else 0 end) = 1 as has_negative_response
    from responses
    group by lead_id

),

joined as (

    select
        leads.lead_id,
        leads.created_at,
        {{ month_of('leads.created_at') }} as created_month,
        leads.converted_account_id,
        leads.converted_at,
        touches.first_touch_at,
        {{ month_of('touches.first_touch_at') }} as first_touch_month,
        touches.first_touch_activity_type,
        coalesce(touches.outbound_touches, 0) as outbound_touches,
        coalesce(touches.touches_before_conversion, 0) as touches_before_conversion,
        coalesce(response_flags.responses, 0) as responses,
        coalesce(response_flags.has_positive_response, false) as has_positive_response,
        coalesce(response_flags.has_negative_response, false) as has_negative_response,
        leads.is_customer
    from leads
    left join touches
        on leads.lead_id = touches.lead_id
    left join response_flags
        on leads.lead_id = response_flags.lead_id

)

select
    lead_id,
    created_at,
    created_month,
    converted_account_id,
    converted_at,
    first_touch_at,
    first_touch_month,
    first_touch_activity_type,
    {{ activities_elapsed_hours('created_at', 'first_touch_at') }} as response_hours,
    outbound_touches > 0 as is_contacted,
    outbound_touches,
    touches_before_conversion,
    case
        when touches_before_conversion >= 10 then '10+'
        when touches_before_conversion >= 5 then '5-9'
        when touches_before_conversion >= 2 then '2-4'
        when touches_before_conversion = 1 then '1'
    end as touches_bucket,
    responses,
    has_positive_response,
    has_negative_response,
    is_customer
from joined
