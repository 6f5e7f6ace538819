-- One row per quote known at the as-of date, with whether it was invoiced: a
-- non-void invoice (an invoice with no status is not void) carries its
-- quote_id. The one place a quote counts as invoiced, for
-- marts.quote_to_invoice_rate and the semantic layer's quotes.
with

quotes as (

    select * from {{ ref('int_known__quotes') }}

),

invoices as (

    select * from {{ ref('int_known__invoices') }}

),

invoiced_quotes as (

    select distinct quote_id
    from invoices
    where
        quote_id is not null
        and (status is null or status <> 'void')

)

select
    quotes.quote_id,
    quotes.opportunity_id,
    quotes.account_id,
    quotes.rep_id,
    quotes.sent_at,
    cast(quotes.sent_at as date) as sent_on,
    {{ month_of('quotes.sent_at') }} as sent_month,
    quotes.amount_reporting,
    invoiced_quotes.quote_id is not null as is_invoiced
from quotes
left join invoiced_quotes
    on quotes.quote_id = invoiced_quotes.quote_id
