-- HubSpot engagements as contract activities: CALL -> call, EMAIL and
-- FORWARDED_EMAIL -> email (outbound), INCOMING_EMAIL -> email (inbound),
-- MEETING -> meeting, TASK -> follow_up, LINKEDIN_MESSAGE -> social_engagement
-- (direct_message). Notes and other engagement types are not sales activities
-- and are left out. Details (time, owner, duration, direction, outcome) come from
-- the engagement row, Fivetran's engagement_<type> tables or Airbyte's metadata
-- JSON; the deal, contact and company from Fivetran's engagement_<object> tables
-- or Airbyte's associations JSON (the first id of each).
with

engagements as (

    select * from {{ source('hubspot', 'engagement') }}

),

calls as (

    select * from {{ source('hubspot', 'engagement_call') }}

),

emails as (

    select * from {{ source('hubspot', 'engagement_email') }}

),

meetings as (

    select * from {{ source('hubspot', 'engagement_meeting') }}

),

tasks as (

    select * from {{ source('hubspot', 'engagement_task') }}

),

engagement_deals as (

    {{ hubspot_first_association(source('hubspot', 'engagement_deal'), 'engagement_id', 'deal_id') }}

),

engagement_contacts as (

    {{ hubspot_first_association(source('hubspot', 'engagement_contact'), 'engagement_id', 'contact_id') }}

),

engagement_companies as (

    {{ hubspot_first_association(source('hubspot', 'engagement_company'), 'engagement_id', 'company_id') }}

),

renamed as (

    select
        trim(coalesce(id, engagement_id)) as activity_id,
        upper(trim(coalesce(type, engagement_type))) as engagement_type,
        coalesce(timestamp, created_at) as engagement_timestamp,
        trim(owner_id) as owner_id,
        try_cast(metadata as json) as metadata,
        {{ hubspot_json_first_id('associations', '$.dealIds') }} as associated_deal_id,
        {{ hubspot_json_first_id('associations', '$.contactIds') }} as associated_contact_id,
        {{ hubspot_json_first_id('associations', '$.companyIds') }} as associated_company_id,
        {{ hubspot_is_deleted(['is_deleted', '_fivetran_deleted', 'fivetran_deleted', 'archived']) }} as is_deleted,
        _source_file,
        _source_row
    from engagements

),

joined as (

    select
        renamed.activity_id,
        renamed.engagement_type,
        renamed._source_file,
        renamed._source_row,
        renamed.is_deleted,
        coalesce(
            calls.property_hs_timestamp,
            emails.property_hs_timestamp,
            meetings.property_hs_timestamp,
            tasks.property_hs_timestamp,
            renamed.engagement_timestamp
        ) as occurred_at,
        coalesce(
            renamed.owner_id,
            calls.property_hubspot_owner_id,
            emails.property_hubspot_owner_id,
            meetings.property_hubspot_owner_id,
            tasks.property_hubspot_owner_id
        ) as owner_id,
        coalesce(engagement_deals.deal_id, renamed.associated_deal_id) as deal_id,
        coalesce(engagement_contacts.contact_id, renamed.associated_contact_id) as contact_id,
        coalesce(engagement_companies.company_id, renamed.associated_company_id) as company_id,
        try_cast(coalesce(
            calls.duration_milliseconds,
            calls.property_hs_call_duration,
            renamed.metadata ->> '$.durationMilliseconds'
        ) as double) as call_duration_ms,
        coalesce(
            meetings.start_time,
            meetings.property_hs_meeting_start_time,
            renamed.metadata ->> '$.startTime'
        ) as meeting_start,
        coalesce(
            meetings.end_time,
            meetings.property_hs_meeting_end_time,
            renamed.metadata ->> '$.endTime'
        ) as meeting_end,
        upper(trim(calls.property_hs_call_direction)) as call_direction,
        upper(trim(emails.property_hs_email_direction)) as email_direction,
        upper(trim(coalesce(
            calls.status,
            calls.property_hs_call_status,
            meetings.meeting_outcome,
            meetings.property_hs_meeting_outcome,
            tasks.status,
            tasks.property_hs_task_status,
            renamed.metadata ->> '$.status',
            renamed.metadata ->> '$.meetingOutcome'
        ))) as engagement_status
    from renamed
    left join calls
        on renamed.activity_id = trim(calls.engagement_id)
    left join emails
        on renamed.activity_id = trim(emails.engagement_id)
    left join meetings
        on renamed.activity_id = trim(meetings.engagement_id)
    left join tasks
        on renamed.activity_id = trim(tasks.engagement_id)
    left join engagement_deals
        on renamed.activity_id = engagement_deals.engagement_id
    left join engagement_contacts
        on renamed.activity_id = engagement_contacts.engagement_id
    left join engagement_companies
        on renamed.activity_id = engagement_companies.engagement_id
    where renamed.engagement_type in (
        'CALL', 'EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL', 'MEETING', 'TASK', 'LINKEDIN_MESSAGE'
    )

),

classified as (

    select
        *,
        case engagement_type
            when 'CALL' then 'call'
            when 'MEETING' then 'meeting'
            when 'TASK' then 'follow_up'
            when 'LINKEDIN_MESSAGE' then 'social_engagement'
            else 'email'
        end as activity_type,
        case
            when engagement_type = 'CALL' and call_direction in ('OUTBOUND', 'INBOUND') then lower(call_direction)
            when engagement_type = 'CALL' then null
            when coalesce(email_direction, engagement_type) = 'INCOMING_EMAIL' then 'inbound'
            when coalesce(email_direction, engagement_type) in ('EMAIL', 'FORWARDED_EMAIL') then 'outbound'
        end as direction,
        case
            when engagement_type = 'CALL' then call_duration_ms / 60000.0
            when engagement_type = 'MEETING'
                then (
                    epoch(try_cast({{ hubspot_timestamp('meeting_end') }} as timestamptz))
                    - epoch(try_cast({{ hubspot_timestamp('meeting_start') }} as timestamptz))
                ) / 60.0
        end as duration_minutes,
        case
            when engagement_status = 'COMPLETED' then 'completed'
            when engagement_status = 'NO_SHOW' then 'no_show'
            when engagement_type = 'CALL' and engagement_status in ('NO_ANSWER', 'BUSY') then 'no_answer'
        end as outcome
    from joined

)

select
    activity_id,
    activity_type,
    direction,
    nullif(owner_id, '') as rep_id,
    cast(null as varchar) as lead_id,
    contact_id,
    company_id as account_id,
    deal_id as opportunity_id,
    {{ hubspot_timestamp('occurred_at') }} as occurred_at,
    cast(round(duration_minutes, 2) as varchar) as duration_minutes,
    outcome,
    case when activity_type = 'social_engagement' then 'direct_message' end as social_kind,
    _source_file,
    _source_row,
    is_deleted as _source_deleted
from classified
