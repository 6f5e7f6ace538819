-- Proposals (quotes) sent per sent_at month, whatever their status (per rep:
-- proposals_sent_by_rep).
with

months as (

    select * from {{ ref('int_months') }}

),

quotes as (

    select * from {{ ref('int_known__quotes') }}

),

sent as (

    select
        {{ month_of('sent_at') }} as month,
        count(*) as quotes_sent,
        sum(amount_reporting) as quoted_amount
    from quotes
    group by {{ month_of('sent_at') }}

)

select
    months.month,
    coalesce(sent.quotes_sent, 0) as quotes_sent,
    coalesce(sent.quoted_amount, 0) as quoted_amount
from months
left join sent
    on months.month = sent.month
