-- The as-of date, "today" for every KPI, in one row: crm_as_of_date() (the var
-- as_of_date, else the environment's CRM_KPI_AS_OF_DATE) when set, else the latest
-- date found in any event column (int_event_dates). The int_known__* models cut
-- every table at known_through_date, the as-of date (when the data has no event
-- date at all there is no as-of date and nothing is cut: the end of the valid date
-- window), int_months ends at its month.
with

event_dates as (

    select * from {{ ref('int_event_dates') }}

),

bounds as (

    select
        min(first_date) as first_event_date,
        max(last_date) as latest_event_date
    from event_dates

),

as_of as (

    select
        {%- if crm_as_of_date() %}
            cast('{{ crm_as_of_date() | replace("'", "''") }}' as date) as as_of_date,
        {%- else %}
            latest_event_date as as_of_date,
        {%- endif %}
        first_event_date,
        latest_event_date
    from bounds

)

select
    as_of_date,
    coalesce(as_of_date, cast('{{ var("valid_date_max") }}' as date)) as known_through_date,
    first_event_date,
    latest_event_date
from as_of
