-- The month spine of every KPI: from the first month with an event to the
-- as-of month (int_as_of_date: the var as_of_date, else the latest event date),
-- with each month's fiscal year and quarter (var fiscal_year_start_month).
with

bounds as (

    select * from {{ ref('int_as_of_date') }}

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
    bounds.as_of_date,
    {{ fiscal_year('months.month') }} as fiscal_year,
    {{ fiscal_quarter('months.month') }} as fiscal_quarter
from months
cross join bounds
