-- One rate per (currency, rate_date) into the reporting currency, with the
-- date the next rate takes over. A currency with no direct rate into the
-- reporting currency uses the inverse of the reporting currency's rate into it.
with

rates as (

    select * from {{ ref('stg_crm__fx_rates') }}

),

direct as (

    select
        from_currency,
        rate_date,
        cast(rate as decimal(28, 10)) as rate
    from rates
    where to_currency = '{{ var("reporting_currency") }}'

),

inverse as (

    select
        to_currency as from_currency,
        rate_date,
        cast(1.0 / rate as decimal(28, 10)) as rate
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
