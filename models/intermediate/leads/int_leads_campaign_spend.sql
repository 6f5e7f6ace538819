-- One row per campaign: its spend in the reporting currency (the sum of its
-- expenses known at the as-of date, each at its expense_month rate, when it has
-- any; else its budget at the start_date rate; null when neither) and its
-- leads (int_leads_enriched: created on or before the as-of date), with
-- those that became customers. cost_per_lead and cost_per_acquisition divide it.
with

campaigns as (

    select * from {{ ref('stg_crm__campaigns') }}

),

expenses as (

    select * from {{ ref('int_known__sales_marketing_expenses') }}

),

leads as (

    select * from {{ ref('int_leads_enriched') }}

),

campaign_expenses as (

    select
        expenses.campaign_id,
        count(*) as expense_count,
        sum(expenses.amount_reporting) as expense_amount
    from expenses
    where expenses.campaign_id is not null
    group by expenses.campaign_id

),

campaign_leads as (

    select
        campaign_id,
        count(*) as leads,
        count(case when is_customer then 1 end) as customer_leads
    from leads
    where campaign_id is not null
    group by campaign_id

)

select
    campaigns.campaign_id,
    campaigns.campaign_name,
    campaigns.channel,
    campaigns.start_date,
    campaigns.end_date,
    coalesce(campaign_expenses.expense_count, 0) as expense_count,
    campaign_expenses.expense_amount,
    campaigns.budget_reporting as budget_amount,
    case
        when campaign_expenses.expense_count > 0 then campaign_expenses.expense_amount
        else campaigns.budget_reporting
    end as spend_amount,
    case
        when campaign_expenses.expense_count > 0 then 'expenses'
        when campaigns.budget_reporting is not null then 'budget'
    end as spend_basis,
    coalesce(campaign_leads.leads, 0) as leads,
    coalesce(campaign_leads.customer_leads, 0) as customer_leads
from campaigns
left join campaign_expenses
    on campaigns.campaign_id = campaign_expenses.campaign_id
left join campaign_leads
    on campaigns.campaign_id = campaign_leads.campaign_id
