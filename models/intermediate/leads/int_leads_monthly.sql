-- Lead cohort counts per month of the spine (leads by created_at month; 0 in
-- months without leads). The one place lead counts per month are computed:
-- new_leads, lead_conversion_rate, mql/sql_to_customer_rate,
-- marketing_vs_sales_leads and referrals divide them.
with

months as (

    select * from {{ ref('int_months') }}

),

leads as (

    select * from {{ ref('int_leads_enriched') }}

),

counted as (

    select
        created_month as month,
        count(*) as leads,
        count(case when is_customer then 1 end) as customer_leads,
        count(case when reached_mql then 1 end) as mql_leads,
        count(case when reached_mql and reached_customer then 1 end) as mql_customer_stage_leads,
        count(case when reached_sql then 1 end) as sql_leads,
        count(case when reached_sql and reached_customer then 1 end) as sql_customer_stage_leads,
        count(case when origin = 'marketing' then 1 end) as marketing_leads,
        count(case when origin = 'sales' then 1 end) as sales_leads,
        count(case when origin is null then 1 end) as unknown_origin_leads,
        count(case when origin = 'marketing' and is_customer then 1 end) as marketing_customer_leads,
        count(case when origin = 'sales' and is_customer then 1 end) as sales_customer_leads,
        count(case when source = 'referral' then 1 end) as referral_leads
    from leads
    group by created_month

)

select
    months.month,
    coalesce(counted.leads, 0) as leads,
    coalesce(counted.customer_leads, 0) as customer_leads,
    coalesce(counted.mql_leads, 0) as mql_leads,
    coalesce(counted.mql_customer_stage_leads, 0) as mql_customer_stage_leads,
    coalesce(counted.sql_leads, 0) as sql_leads,
    coalesce(counted.sql_customer_stage_leads, 0) as sql_customer_stage_leads,
    coalesce(counted.marketing_leads, 0) as marketing_leads,
    coalesce(counted.sales_leads, 0) as sales_leads,
    coalesce(counted.unknown_origin_leads, 0) as unknown_origin_leads,
    coalesce(counted.marketing_customer_leads, 0) as marketing_customer_leads,
    coalesce(counted.sales_customer_leads, 0) as sales_customer_leads,
    coalesce(counted.referral_leads, 0) as referral_leads
from months
left join counted
    on months.month = counted.month
