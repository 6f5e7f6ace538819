-- Won amount of upsell and cross_sell deals and their share of all won amount,
-- per close month (amounts at the close_date rate).
with

months as (

    select * from {{ ref('int_months') }}

),

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}
    where is_won

),

won_monthly as (

    select
        close_month as month,
        count(*) as won_deals,
        sum(amount) as won_amount,
        sum(case when deal_type = 'upsell' then amount else 0 end) as upsell_won_amount,
        sum(case when deal_type = 'cross_sell' then amount else 0 end) as cross_sell_won_amount
    from opportunities
    group by close_month

),

joined as (

    select
        months.month,
        coalesce(won_monthly.won_deals, 0) as won_deals,
        coalesce(won_monthly.won_amount, 0) as won_amount,
        coalesce(won_monthly.upsell_won_amount, 0) as upsell_won_amount,
        coalesce(won_monthly.cross_sell_won_amount, 0) as cross_sell_won_amount
    from months
    left join won_monthly
        on months.month = won_monthly.month

)

select
    month,
    won_deals,
    won_amount,
    upsell_won_amount,
    cross_sell_won_amount,
    upsell_won_amount + cross_sell_won_amount as upsell_cross_sell_won_amount,
    {{ safe_pct('upsell_won_amount + cross_sell_won_amount', 'won_amount') }} as upsell_cross_sell_share_pct,
    {{ safe_pct('upsell_won_amount', 'won_amount') }} as upsell_share_pct,
    {{ safe_pct('cross_sell_won_amount', 'won_amount') }} as cross_sell_share_pct
from joined
