-- Quote as the contract's quotes. A quote has no sent date or owner in
-- Salesforce: sent_at is its CreatedDate and rep_id its creator. amount is the
-- GrandTotal (TotalPrice when absent). Status maps by keywords: Accepted ->
-- accepted; Rejected, Denied -> rejected; expired -> expired; Presented,
-- Approved -> sent; drafts and reviews are left empty.
with

quotes as (

    select * from {{ source('salesforce', 'quote') }}

)

select
    {{ salesforce_column('id') }} as quote_id,
    {{ salesforce_column('opportunity_id') }} as opportunity_id,
    {{ salesforce_column('account_id') }} as account_id,
    {{ salesforce_id_of(salesforce_column('created_by_id'), '005') }} as rep_id,
    {{ salesforce_column('created_date') }} as sent_at,
    coalesce({{ salesforce_column('grand_total') }}, {{ salesforce_column('total_price') }}) as amount,
    upper(coalesce({{ salesforce_column('currency_iso_code') }}, {{ salesforce_default_currency() }})) as currency,
    {{ salesforce_keyword_map(salesforce_column('status'), [
        ['accept', 'accepted'],
        ['reject|denied|declin', 'rejected'],
        ['expir', 'expired'],
        ['present|sent|approved', 'sent'],
    ]) }} as status,
    {{ salesforce_lineage('quotes') }}
from quotes
