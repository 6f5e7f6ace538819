{#-
    The HubSpot adapter (docs/HUBSPOT.md): which vendor objects it reads and the
    small SQL helpers its staging models (models/staging/hubspot/) share.

    Two export shapes are read, each landed by the core under the object's name:
    - Fivetran's HubSpot connector: one table per object, properties as
      `property_<name>` columns (deal.property_dealname), associations as tables
      (deal_company, engagement_deal...), deletes as is_deleted / _fivetran_deleted;
    - Airbyte's HubSpot source: one stream per object, properties flattened as
      `properties_<name>` columns (deals.properties_dealname), createdAt/updatedAt
      (landed created_at/updated_at), `archived`, nested JSON for pipeline stages
      (deal_pipelines.stages) and engagement associations; some timestamps are epoch
      milliseconds.
    Several spellings of one field are separate manifest columns; the models coalesce
    them in the order listed (Fivetran first, then Airbyte). Fivetran's system columns
    are listed with and without their leading underscore: the core's crm_snake_case
    drops leading underscores from headers (_fivetran_deleted lands as fivetran_deleted).
-#}
{% macro hubspot_manifest() %}
{%- set manifest_yaml -%}
objects:
  - name: deal
    aliases: [deals]
    required: true
    columns: [
      deal_id, id, property_hs_object_id, properties_hs_object_id,
      property_dealname, properties_dealname,
      property_amount, properties_amount,
      property_deal_currency_code, properties_deal_currency_code,
      property_createdate, properties_createdate, created_at,
      property_closedate, properties_closedate,
      deal_pipeline_stage_id, property_dealstage, properties_dealstage,
      deal_pipeline_id, property_pipeline, properties_pipeline,
      owner_id, property_hubspot_owner_id, properties_hubspot_owner_id,
      property_dealtype, properties_dealtype,
      companies,
      is_deleted, _fivetran_deleted, fivetran_deleted, archived,
    ]
  - name: deal_pipeline
    aliases: [deal_pipelines]
    columns: [pipeline_id, id, label, display_order, stages, _fivetran_deleted, fivetran_deleted, archived]
  - name: deal_pipeline_stage
    aliases: [deal_pipeline_stages]
    columns: [
      stage_id, pipeline_id, label, display_order, probability, closed_won, is_closed,
      _fivetran_deleted, fivetran_deleted,
    ]
  - name: deal_stage
    aliases: [deal_stages]
    columns: [deal_id, value, date_entered, _fivetran_start, fivetran_start]
  - name: deal_company
    aliases: [deal_companies]
    columns: [deal_id, company_id, type_id]
  - name: company
    aliases: [companies]
    columns: [
      id, company_id,
      property_name, properties_name,
      property_industry, properties_industry,
      property_country, properties_country,
      property_createdate, properties_createdate, created_at,
      property_hubspot_owner_id, properties_hubspot_owner_id,
      property_hs_analytics_source, properties_hs_analytics_source,
      is_deleted, _fivetran_deleted, fivetran_deleted, archived,
    ]
  - name: contact
    aliases: [contacts]
    columns: [
      id, contact_id,
      property_firstname, properties_firstname,
      property_lastname, properties_lastname,
      property_email, properties_email,
      property_phone, properties_phone,
      property_jobtitle, properties_jobtitle,
      property_createdate, properties_createdate, created_at,
      property_associatedcompanyid, properties_associatedcompanyid, companies,
      is_deleted, _fivetran_deleted, fivetran_deleted, archived,
    ]
  - name: owner
    aliases: [owners]
    columns: [owner_id, id, first_name, last_name, email, teams, _fivetran_deleted, fivetran_deleted, is_deleted]
  - name: engagement
    aliases: [engagements]
    columns: [
      id, engagement_id, type, engagement_type,
      timestamp, created_at,
      owner_id,
      associations, metadata,
      is_deleted, _fivetran_deleted, fivetran_deleted, archived,
    ]
  - name: engagement_call
    aliases: [engagement_calls]
    columns: [
      engagement_id, duration_milliseconds, status,
      property_hs_call_duration, property_hs_call_direction, property_hs_call_status,
      property_hs_timestamp, property_hubspot_owner_id,
    ]
  - name: engagement_email
    aliases: [engagement_emails]
    columns: [engagement_id, property_hs_email_direction, property_hs_timestamp, property_hubspot_owner_id]
  - name: engagement_meeting
    aliases: [engagement_meetings]
    columns: [
      engagement_id, start_time, end_time, meeting_outcome,
      property_hs_meeting_start_time, property_hs_meeting_end_time, property_hs_meeting_outcome,
      property_hs_timestamp, property_hubspot_owner_id,
    ]
  - name: engagement_task
    aliases: [engagement_tasks]
    columns: [engagement_id, status, property_hs_task_status, property_hs_timestamp, property_hubspot_owner_id]
  - name: engagement_deal
    aliases: [engagement_deals]
    columns: [engagement_id, deal_id]
  - name: engagement_contact
    aliases: [engagement_contacts]
    columns: [engagement_id, contact_id]
  - name: engagement_company
    aliases: [engagement_companies]
    columns: [engagement_id, company_id]
tables:
  opportunities: [deal]
  pipeline_stages: [deal]
  opportunity_stage_history: [deal_stage]
  accounts: [company]
  contacts: [contact]
  sales_reps: [owner]
  activities: [engagement]
{%- endset -%}
{{- return(fromyaml(manifest_yaml)) -}}
{% endmacro %}


{#- A HubSpot text timestamp as the contract's ISO-8601 text: epoch milliseconds (Airbyte's
    createdAt of engagements and pipelines) become UTC 'YYYY-MM-DDTHH:MM:SS.fffZ'; any other
    value passes through trimmed, so the core parses it or rejects it with the raw value. -#}
{% macro hubspot_timestamp(field) -%}
    case
        when regexp_full_match(trim({{ field }}), '[0-9]{11,13}')
            then strftime(make_timestamp(cast(trim({{ field }}) as bigint) * 1000), '%Y-%m-%dT%H:%M:%S.%gZ')
        else nullif(trim({{ field }}), '')
    end
{%- endmacro %}


{#- The UTC date (YYYY-MM-DD) of a HubSpot datetime (closedate is a datetime in HubSpot):
    epoch milliseconds or ISO text with or without an offset. An unparsable value passes
    through, so the core rejects it (unparsable_date) with the raw value. -#}
{% macro hubspot_date(field) -%}
    coalesce(
        strftime(cast(try_cast({{ hubspot_timestamp(field) }} as timestamptz) at time zone 'UTC' as date), '%Y-%m-%d'),
        nullif(trim({{ field }}), '')
    )
{%- endmacro %}


{#- True when any of the vendor's delete flags (is_deleted, _fivetran_deleted, archived...)
    says so; text 'true'/'1'/'t'/'yes' in any case. -#}
{% macro hubspot_is_deleted(fields) -%}
    coalesce(
        {%- for field in fields %}
        lower(trim({{ field }})) in ('true', '1', 't', 'yes'){{ " or" if not loop.last }}
        {%- endfor %},
        false
    )
{%- endmacro %}


{#- The first id of a JSON array held as text (Airbyte's `companies` of a deal, an
    engagement's associations.dealIds): '[123, 456]' or '["123"]' -> '123'. `path` selects
    the array inside an object ('$.dealIds'); null when it is empty or not JSON. -#}
{% macro hubspot_json_first_id(field, path='$') -%}
    nullif(trim(cast(try_cast({{ field }} as json) -> '{{ path }}[0]' as varchar), '"'), 'null')
{%- endmacro %}


{#- One row per `key` of an association table (Fivetran's deal_company, engagement_deal...),
    with its first associated id: the primary association first when `primary_type_id` is
    given (HubSpot's type_id 5 is a deal's primary company), then the smallest id. -#}
{% macro hubspot_first_association(relation, key, id_column, primary_type_id=none) -%}
    select
        {{ key }},
        {{ id_column }}
    from (
        select
            trim({{ key }}) as {{ key }},
            trim({{ id_column }}) as {{ id_column }},
            row_number() over (
                partition by trim({{ key }})
                order by
                    {%- if primary_type_id is not none %}
                    case when trim(type_id) = '{{ primary_type_id }}' then 0 else 1 end,
                    {%- endif %}
                    trim({{ id_column }})
            ) as association_rank
        from {{ relation }}
        where nullif(trim({{ key }}), '') is not null and nullif(trim({{ id_column }}), '') is not null
    ) as ranked
    where association_rank = 1
{%- endmacro %}
