-- Pro-forma to invoice conversion per sent_at month: quotes sent in the month
-- that have a non-void invoice with their quote_id / quotes sent * 100.
with

months as (

    select * from {{ ref('int_months') }}

),

quotes as (

    select * from {{ ref('int_known__quotes') }}

),

invoices as (

    select * from {{ ref('int_known__invoices') }}

),

invoiced_quotes as (

    -- an invoice with no status is not void: it counts
    select distinct quote_id
    from invoices
    where
        quote_id is not null
        and (status is null or status <> 'void')

),

sent as (

    select
        {{ month_of('quotes.sent_at') }} as month,
        count(*) as quotes_sent,
        sum(case when invoiced_quotes.quote_id is not null then 1 else 0 end) as quotes_invoiced
    from quotes
    left join invoiced_quotes
        on quotes.quote_id = invoiced_quotes.quote_id
    group by {{ month_of('quotes.sent_at') }}

)

select
    months.month,
    coalesce(sent.quotes_sent, 0) as quotes_sent,
    coalesce(sent.quotes_invoiced, 0) as quotes_invoiced,
    {{ safe_pct('sent.quotes_invoiced', 'sent.quotes_sent') }} as quote_to_invoice_pct
from months
left join sent
    on months.month = sent.month
