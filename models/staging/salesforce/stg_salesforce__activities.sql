{#- keyword -> activity_type, first match wins; a Task or Event that matches none is a follow_up / meeting -#}
{%- set activity_keywords = [
    ['demo', 'demo'],
    ['video|zoom|teams|webex|google meet', 'video_meeting'],
    ['networking', 'networking_event'],
    ['linkedin|social', 'social_engagement'],
    ['call', 'call'],
    ['e-?mail', 'email'],
    ['meeting', 'meeting'],
    ['follow', 'follow_up'],
] -%}
-- Task and Event as the contract's activities. activity_type by keywords in
-- the subtype, type and subject (a demo meeting is a demo); otherwise a Task is
-- a follow_up and an Event a meeting. WhoId is a lead (00Q...) or a contact
-- (003...), WhatId an opportunity (006...) or an account (001...); AccountId,
-- when the object has it, is the account. A task happened when it was completed
-- (CompletedDateTime, else its ActivityDate), an open task when it was created;
-- an event at its start. Calls logged as inbound (CallType) are inbound,
-- everything else a rep logs is outbound.
with

tasks as (

    select * from {{ source('salesforce', 'task') }}

),

events as (

    select * from {{ source('salesforce', 'event') }}

),

task_activities as (

    select
        {{ salesforce_column('id') }} as activity_id,
        coalesce(
            {{ salesforce_keyword_map(
                "concat_ws(' ', " ~ salesforce_column('task_subtype') ~ ", " ~ salesforce_column('type') ~ ", "
                ~ salesforce_column('subject') ~ ")",
                activity_keywords
            ) }},
            'follow_up'
        ) as activity_type,
        case
            when lower({{ salesforce_column('call_type') }}) = 'inbound' then 'inbound' else 'outbound'
        end as direction,
        {{ salesforce_column('owner_id') }} as owner_id,
        {{ salesforce_column('who_id') }} as who_id,
        {{ salesforce_column('what_id') }} as what_id,
        {{ salesforce_column('account_id') }} as account_id,
        case
            when lower({{ salesforce_column('status') }}) like '%complet%'
                then coalesce(
                    {{ salesforce_column('completed_date_time') }},
                    {{ salesforce_column('activity_date') }},
                    {{ salesforce_column('created_date') }}
                )
            else {{ salesforce_column('created_date') }}
        end as occurred_at,
        {{ salesforce_number(salesforce_column('call_duration_in_seconds')) }} / 60.0 as duration_minutes,
        case when lower({{ salesforce_column('status') }}) like '%complet%' then 'completed' end as outcome,
        {{ salesforce_lineage('tasks') }}
    from tasks

),

event_activities as (

    select
        {{ salesforce_column('id') }} as activity_id,
        coalesce(
            {{ salesforce_keyword_map(
                "concat_ws(' ', " ~ salesforce_column('event_subtype') ~ ", " ~ salesforce_column('type') ~ ", "
                ~ salesforce_column('subject') ~ ")",
                activity_keywords
            ) }},
            'meeting'
        ) as activity_type,
        'outbound' as direction,
        {{ salesforce_column('owner_id') }} as owner_id,
        {{ salesforce_column('who_id') }} as who_id,
        {{ salesforce_column('what_id') }} as what_id,
        {{ salesforce_column('account_id') }} as account_id,
        coalesce(
            {{ salesforce_column('start_date_time') }},
            {{ salesforce_column('activity_date_time') }},
            {{ salesforce_column('activity_date') }},
            {{ salesforce_column('created_date') }}
        ) as occurred_at,
        {{ salesforce_number(salesforce_column('duration_in_minutes')) }} as duration_minutes,
        cast(null as {{ dbt.type_string() }}) as outcome,
        {{ salesforce_lineage('events') }}
    from events

),

activities as (

    select * from task_activities
    union all
    select * from event_activities

)

select
    activity_id,
    activity_type,
    direction,
    {{ salesforce_id_of('owner_id', '005') }} as rep_id,
    {{ salesforce_id_of('who_id', '00Q') }} as lead_id,
    {{ salesforce_id_of('who_id', '003') }} as contact_id,
    coalesce(account_id, {{ salesforce_id_of('what_id', '001') }}) as account_id,
    {{ salesforce_id_of('what_id', '006') }} as opportunity_id,
    occurred_at,
    cast(duration_minutes as {{ dbt.type_string() }}) as duration_minutes,
    outcome,
    cast(null as {{ dbt.type_string() }}) as social_kind,
    _source_file,
    _source_row,
    _source_deleted
from activities
