-- Quotes sent per sent_at month and rep (quotes.rep_id), whatever their status
-- (months of the spine; only month and rep pairs with at least one quote).
with

months as (

    select * from {{ ref('int_months') }}

),

quotes as (

    select * from {{ ref('int_known__quotes') }}

)

select
    months.month,
    quotes.rep_id,
    count(*) as quotes_sent
from months
inner join quotes
    on months.month = {{ month_of('quotes.sent_at') }}
group by months.month, quotes.rep_id
