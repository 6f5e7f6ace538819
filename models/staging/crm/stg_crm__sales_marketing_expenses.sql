with

sales_marketing_expenses as (

    select * from {{ ref('base_crm__sales_marketing_expenses') }}
    where reject_reason is null

)

select
    expense_id,
    expense_month,
    category,
    campaign_id,
    amount,
    amount_reporting,
    currency,
    fx_rate
from sales_marketing_expenses
