with

invoices as (

    select * from {{ ref('base_crm__invoices') }}
    where reject_reason is null

)

select
    invoice_id,
    account_id,
    quote_id,
    order_id,
    issued_at,
    amount,
    amount_reporting,
    currency,
    status,
    fx_rate
from invoices
