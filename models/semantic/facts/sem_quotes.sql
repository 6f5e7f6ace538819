-- Quotes sent in a month of the spine, one row per quote: the row-grain fact of
-- the semantic layer's proposals_sent and quote_to_invoice_rate (by sent_at's
-- UTC date), with the invoiced flag of int_quotes_invoiced as a 0/1 count.

with

quotes as (

    select * from {{ ref('int_quotes_invoiced') }}

),

months as (

    select * from {{ ref('int_months') }}

)

select
    quotes.quote_id,
    quotes.opportunity_id,
    quotes.account_id,
    quotes.rep_id,
    quotes.sent_on,
    quotes.amount_reporting as amount,
    case when quotes.is_invoiced then 1 else 0 end as is_invoiced
from quotes
inner join months
    on quotes.sent_month = months.month
