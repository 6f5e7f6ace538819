-- CurrencyType and DatedConversionRate as the contract's fx_rates. Salesforce's
-- ConversionRate is units of the currency per 1 unit of the corporate currency;
-- the contract's rate converts amount_in_from * rate = amount_in_to. So every
-- pair of currencies gets rate = rate(to) / rate(from), in both directions and
-- through the corporate currency (rate 1), which makes any reporting currency
-- among the org's currencies reachable. CurrencyType rates are static and date
-- from 1900-01-01; a DatedConversionRate applies from its StartDate, and a
-- currency that has dated rates uses only those (as Salesforce converts
-- opportunities with advanced currency management on). A pair is emitted on each date
-- either side's rate changes, pointing at that rate's row. The corporate
-- currency is CurrencyType's IsCorporate one, else var
-- salesforce_corporate_currency (default: the reporting currency). A rate row
-- that is deleted, or unusable (no currency, rate, date, or a rate <= 0), is
-- emitted once as it is, into the corporate currency (a deleted one with no
-- to_currency, so it never collides with a live pair): the core rejects it.
with

currency_types as (

    select * from {{ source('salesforce', 'currency_type') }}

),

dated_conversion_rates as (

    select * from {{ source('salesforce', 'dated_conversion_rate') }}

),

rate_rows as (

    select
        upper({{ salesforce_column('iso_code') }}) as currency,
        '1900-01-01' as rate_date,
        {{ salesforce_column('conversion_rate') }} as rate_text,
        coalesce({{ salesforce_boolean(salesforce_column('is_corporate')) }}, false) as is_corporate,
        2 as priority,
        {{ salesforce_lineage('currency_types', has_is_deleted=false) }}
    from currency_types

    union all

    select
        upper({{ salesforce_column('iso_code') }}) as currency,
        {{ salesforce_date(salesforce_column('start_date')) }} as rate_date,
        {{ salesforce_column('conversion_rate') }} as rate_text,
        false as is_corporate,
        1 as priority,
        {{ salesforce_lineage('dated_conversion_rates') }}
    from dated_conversion_rates

),

parsed as (

    select
        *,
        {{ dbt.safe_cast('rate_text', 'double') }} as rate,
        {{ dbt.safe_cast('rate_date', 'date') }} as rate_day
    from rate_rows

),

usable as (

    select
        *,
        not _source_deleted
        and currency is not null
        and rate > 0
        and rate_day is not null as is_usable
    from parsed

),

corporate as (

    select
        coalesce(
            max(case when is_corporate and is_usable then currency end),
            '{{ var("salesforce_corporate_currency", none) or var("reporting_currency") }}'
        ) as currency
    from usable

),

candidate_rates as (

    select
        currency,
        rate_day,
        rate,
        priority,
        _source_file,
        _source_row
    from usable
    where is_usable

    union all

    -- the corporate currency is worth 1 of itself, whether or not a row says so
    select
        corporate.currency,
        cast('1900-01-01' as date) as rate_day,
        1.0 as rate,
        3 as priority,
        'derived: corporate currency' as _source_file,
        0 as _source_row
    from corporate

),

ranked_rates as (

    select
        *,
        min(priority) over (partition by currency) as best_priority
    from candidate_rates

),

rates as (

    -- a currency's dated rates, else its static one, else (the corporate currency) 1
    select * from ranked_rates
    where priority = best_priority

),

change_days as (

    select distinct rate_day from rates

),

rates_in_effect as (

    -- each currency's latest rate on or before each change day
    select
        change_days.rate_day as change_day,
        rates.currency,
        rates.rate,
        rates.rate_day as rate_since,
        rates._source_file,
        rates._source_row,
        row_number() over (
            partition by change_days.rate_day, rates.currency
            order by rates.rate_day desc
        ) as recency_rank
    from change_days
    inner join rates
        on rates.rate_day <= change_days.rate_day

),

effective as (

    select * from rates_in_effect
    where recency_rank = 1

),

pairs as (

    select
        cast(from_side.change_day as {{ dbt.type_string() }}) as rate_date,
        from_side.currency as from_currency,
        to_side.currency as to_currency,
        cast(to_side.rate / from_side.rate as {{ dbt.type_string() }}) as rate,
        case
            when from_side.rate_since = from_side.change_day then from_side._source_file else to_side._source_file
        end as _source_file,
        case
            when from_side.rate_since = from_side.change_day then from_side._source_row else to_side._source_row
        end as _source_row,
        false as _source_deleted
    from effective as from_side
    inner join effective as to_side
        on
            from_side.change_day = to_side.change_day
            and from_side.currency <> to_side.currency
    where
        from_side.rate_since = from_side.change_day
        or to_side.rate_since = to_side.change_day

),

unusable as (

    select
        usable.rate_date,
        usable.currency as from_currency,
        case when not usable._source_deleted then corporate.currency end as to_currency,
        usable.rate_text as rate,
        usable._source_file,
        usable._source_row,
        usable._source_deleted
    from usable
    cross join corporate
    where not usable.is_usable

)

select * from pairs
union all
select * from unusable
