-- Opportunities created vs leads created, per month (each by its own
-- created_at month): opportunities / leads.
with

monthly as (

    select * from {{ ref('int_opportunities_monthly') }}

),

leads as (

    select * from {{ ref('int_known__leads') }}

),

leads_created as (

    select
        {{ month_of('created_at') }} as month,
        count(*) as leads_created
    from leads
    group by {{ month_of('created_at') }}

)

select
    monthly.month,
    monthly.opportunities_created,
    coalesce(leads_created.leads_created, 0) as leads_created,
    {{ safe_divide('monthly.opportunities_created', 'leads_created.leads_created') }} as opportunities_per_lead_ratio
from monthly
left join leads_created
    on monthly.month = leads_created.month
