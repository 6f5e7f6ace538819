-- Per customer account: relationship months, interactions and interactions per
-- relationship month; the 10 longest-tenured accounts are flagged (ties go to
-- the lower account_id).
with

relationships as (

    select * from {{ ref('int_activities_customer_relationships') }}

),

ranked as (

    select
        *,
        row_number() over (order by relationship_months desc, account_id asc) as tenure_rank
    from relationships

)

select
    account_id,
    acquisition_date,
    acquisition_month,
    churn_date,
    end_month,
    relationship_months,
    interactions,
    {{ safe_divide('interactions', 'relationship_months') }} as interactions_per_relationship_month_ratio,
    tenure_rank,
    tenure_rank <= 10 as is_top_10_tenured
from ranked
