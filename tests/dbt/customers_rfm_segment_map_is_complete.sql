-- The rfm_segment_map seed lists each of the 125 (r, f, m) score combinations
-- once, with the catalog's first rule that holds. Returns the combinations that
-- are missing, repeated or mapped to another segment.
with

segment_map as (

    select * from {{ ref('rfm_segment_map') }}

),

scores as (

    select score_list.score from (values (1), (2), (3), (4), (5)) as score_list (score)

),

combinations as (

    select
        r.score as r_score,
        f.score as f_score,
        m.score as m_score,
        case
            when r.score >= 4 and f.score >= 4 and m.score >= 4 then 'champions'
            when f.score >= 4 then 'loyal'
            when r.score >= 4 and f.score <= 2 then 'new'
            when r.score <= 2 and f.score >= 3 then 'at_risk'
            when r.score <= 2 and f.score <= 2 then 'lost'
            else 'needs_attention'
        end as expected_segment
    from scores as r
    cross join scores as f
    cross join scores as m

),

compared as (

    select
        combinations.r_score,
        combinations.f_score,
        combinations.m_score,
        combinations.expected_segment,
        count(segment_map.segment) as mapped_rows,
        min(segment_map.segment) as mapped_segment
    from combinations
    left join segment_map
        on
            combinations.r_score = segment_map.r_score
            and combinations.f_score = segment_map.f_score
            and combinations.m_score = segment_map.m_score
    group by
        combinations.r_score,
        combinations.f_score,
        combinations.m_score,
        combinations.expected_segment

)

select
    r_score,
    f_score,
    m_score,
    expected_segment,
    mapped_rows,
    mapped_segment
from compared
where mapped_rows <> 1 or mapped_segment <> expected_segment
