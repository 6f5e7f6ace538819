-- One rate per (currency, rate_date) into the reporting currency, with the
-- date the next rate takes over. A currency with no direct rate into the
-- reporting currency uses the inverse of the reporting currency's rate into it.
-- Rates stay doubles (the clean rows of base_crm__fx_rates, contract meta precision: double): about
-- 15 significant digits at any magnitude, so a rate of 0.0000613 or the inverse
-- of a rate of 16313.2 loses nothing (decimal(28, 10) kept 10 decimals).
with

rates as (

    select * from {{ ref('base_crm__fx_rates') }}
    where reject_reason is null

),

direct as (

    select
        from_currency,
        rate_date,
        rate
    from rates
    where to_currency = '{{ var("reporting_currency") }}'

),

inverse as (

    select
        to_currency as from_currency,
        rate_date,
        1.0 / rate as rate
    from rates
    where
        from_currency = '{{ var("reporting_currency") }}'
        and to_currency not in (select from_currency from direct)

),

unioned as (

    select * from direct
    union all
    select * from inverse

)

select
    from_currency,
    rate_date,
    rate,
    lead(rate_date) over (partition by from_currency order by rate_date) as next_rate_date
from unioned
