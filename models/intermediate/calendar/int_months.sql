-- The month spine of every KPI: from the first month with an event to the
-- as-of month. as_of_date is crm_as_of_date() (var or environment), else the latest event date.
with

event_dates as (

    select * from {{ ref('int_event_dates') }}

),

bounds as (

    select
        min(first_date) as first_event_date,
        {%- if crm_as_of_date() %}
            cast('{{ crm_as_of_date() | replace("'", "''") }}' as date) as as_of_date
        {%- else %}
            max(last_date) as as_of_date
        {%- endif %}
    from event_dates

),

months as (

    {{ month_series(
        "(select " ~ month_of('least(first_event_date, as_of_date)') ~ " from bounds)",
        "(select " ~ month_of('as_of_date') ~ " from bounds)"
    ) }}

)

select
    months.month,
    cast({{ dbt.last_day('months.month', 'month') }} as date) as month_end,
    cast({{ dbt.dateadd('month', -1, 'months.month') }} as date) as previous_month,
    {{ dbt.last_day('months.month', 'month') }} <= bounds.as_of_date as is_complete,
    bounds.as_of_date
from months
cross join bounds
