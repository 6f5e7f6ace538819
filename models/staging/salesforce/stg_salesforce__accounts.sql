-- Account as the contract's accounts. AccountSource (Web, Phone Inquiry,
-- Partner Referral, Purchased List, Other, or the org's own values) maps to
-- acquisition_source by keywords; an unknown value is left empty. Salesforce has
-- no region or referral link on an account: both are empty.
with

accounts as (

    select * from {{ source('salesforce', 'account') }}

)

select
    {{ salesforce_column('id') }} as account_id,
    {{ salesforce_column('name') }} as account_name,
    {{ salesforce_column('industry') }} as industry,
    cast(null as {{ dbt.type_string() }}) as region,
    {{ salesforce_column('billing_country') }} as country,
    {{ salesforce_column('created_date') }} as created_at,
    {{ salesforce_column('owner_id') }} as owner_rep_id,
    {{ salesforce_keyword_map(salesforce_column('account_source'), [
        ['partner', 'partner'],
        ['referr', 'referral'],
        ['event|trade ?show|seminar|conference|webinar', 'event'],
        ['purchased|list|cold|outbound|prospecting', 'outbound'],
        ['web|inbound|phone inquiry|inquiry|organic|search', 'inbound'],
    ]) }} as acquisition_source,
    cast(null as {{ dbt.type_string() }}) as referred_by_account_id,
    {{ salesforce_lineage('accounts') }}
from accounts
