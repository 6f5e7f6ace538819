with

months as (

    select * from {{ ref('int_months') }}

),

sales_reps as (

    select * from {{ ref('int_known__sales_reps') }}

),

complete_months as (

    select
        month,
        month_end
    from months
    where is_complete

),

monthly_counts as (

    select
        complete_months.month,
        count(
            case
                when
                    sales_reps.rep_id is not null
                    and (sales_reps.hire_date is null or sales_reps.hire_date < complete_months.month)
                    and (
                        sales_reps.termination_date is null
                        or sales_reps.termination_date >= complete_months.month
                    )
                    then 1
            end
        ) as headcount_start,
        count(
            case
                when
                    sales_reps.rep_id is not null
                    and (
                        sales_reps.termination_date is null
                        or sales_reps.termination_date > complete_months.month_end
                    )
                    then 1
            end
        ) as headcount_end,
        count(
            case
                when sales_reps.hire_date between complete_months.month and complete_months.month_end
                    then 1
            end
        ) as hires,
        count(
            case
                when sales_reps.termination_date between complete_months.month and complete_months.month_end
                    then 1
            end
        ) as terminations
    -- left join keeps months without reps; rep_id is null on such a row
    from complete_months
    left join sales_reps
        on sales_reps.hire_date is null or sales_reps.hire_date <= complete_months.month_end
    group by complete_months.month

),

monthly_headcounts as (

    select
        *,
        (headcount_start + headcount_end) / 2.0 as mean_headcount
    from monthly_counts

)

select
    month,
    headcount_start,
    headcount_end,
    mean_headcount,
    hires,
    terminations,
    {{ safe_pct('terminations', 'mean_headcount') }} as turnover_pct
from monthly_headcounts
