-- Leads whose first touch is in the month that became customers (their
-- converted_account_id is a customer) / leads whose first touch is in the month.
with

months as (

    select * from {{ ref('int_months') }}

),

leads as (

    select * from {{ ref('int_activities_lead_touches') }}
    where is_contacted

),

contacted as (

    select
        first_touch_month as month,
        count(*) as leads_contacted,
        count(case when is_customer then 1 end) as customers
    from leads
    group by first_touch_month

),

filled as (

    select
        months.month,
        coalesce(contacted.leads_contacted, 0) as leads_contacted,
        coalesce(contacted.customers, 0) as customers
    from months
    left join contacted
        on months.month = contacted.month

)

select
    month,
    leads_contacted,
    customers,
    {{ safe_pct('customers', 'leads_contacted') }} as acquisition_rate_pct
from filled
