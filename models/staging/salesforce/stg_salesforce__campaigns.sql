-- Campaign as the contract's campaigns. Type maps to channel by keywords (an
-- unknown type is left empty); a campaign without StartDate starts on its
-- CreatedDate; budget is BudgetedCost.
with

campaigns as (

    select * from {{ source('salesforce', 'campaign') }}

)

select
    {{ salesforce_column('id') }} as campaign_id,
    {{ salesforce_column('name') }} as campaign_name,
    {{ salesforce_keyword_map(salesforce_column('type'), [
        ['webinar', 'webinar'],
        ['e-?mail', 'email'],
        ['partner', 'partner'],
        ['paid social|social ad|facebook ad|linkedin ad', 'paid_social'],
        ['social', 'organic_social'],
        ['banner|advert|ppc|search|adwords|display', 'paid_search'],
        ['conference|trade ?show|seminar|event', 'event'],
        ['content|direct mail|public relations|blog', 'content'],
    ]) }} as channel,
    {{ salesforce_date(
        'coalesce(' ~ salesforce_column('start_date') ~ ', ' ~ salesforce_column('created_date') ~ ')'
    ) }} as start_date,
    {{ salesforce_date(salesforce_column('end_date')) }} as end_date,
    {{ salesforce_column('budgeted_cost') }} as budget,
    upper(coalesce({{ salesforce_column('currency_iso_code') }}, {{ salesforce_default_currency() }})) as currency,
    {{ salesforce_lineage('campaigns') }}
from campaigns
