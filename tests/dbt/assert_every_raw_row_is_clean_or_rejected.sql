-- Nothing is silently dropped: for every contract table,
-- raw rows (the landed file, or a vendor adapter's rows)
-- = clean rows (stg_crm__<table>) + rejected rows (rejected_rows).
-- Returns the tables where the two sides differ.
with

counts as (
    {% for table_name in crm_tables() %}
        select
            '{{ table_name }}' as table_name,
            (select count(*) from {{ crm_raw_relation(table_name) }}) as raw_rows,
            (select count(*) from {{ ref('stg_crm__' ~ table_name) }}) as clean_rows,
            (
                select count(*) from {{ ref('rejected_rows') }}
                where table_name = '{{ table_name }}'
            ) as rejected_rows
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select *
from counts
where raw_rows <> clean_rows + rejected_rows
