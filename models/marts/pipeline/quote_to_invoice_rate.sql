-- Pro-forma to invoice conversion per sent_at month: quotes sent in the month
-- that have a non-void invoice with their quote_id / quotes sent * 100.
with

months as (

    select * from {{ ref('int_months') }}

),

quotes as (

    select * from {{ ref('int_quotes_invoiced') }}

),

sent as (

    select
        sent_month as month,
        count(*) as quotes_sent,
        sum(case when is_invoiced then 1 else 0 end) as quotes_invoiced
    from quotes
    group by sent_month

)

select
    months.month,
    coalesce(sent.quotes_sent, 0) as quotes_sent,
    coalesce(sent.quotes_invoiced, 0) as quotes_invoiced,
    {{ safe_pct('sent.quotes_invoiced', 'sent.quotes_sent') }} as quote_to_invoice_pct
from months
left join sent
    on months.month = sent.month
