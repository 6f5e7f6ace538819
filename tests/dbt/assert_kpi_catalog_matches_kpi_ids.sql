-- kpi_catalog lists exactly the kpi_ids of the catalog (seed kpi_ids), each with
-- the catalog's headline unit and grain. Returns every difference.
with

catalog as (

    select * from {{ ref('kpi_catalog') }}

),

expected as (

    select * from {{ ref('kpi_ids') }}

)

select
    coalesce(expected.kpi_id, catalog.kpi_id) as kpi_id,
    case
        when catalog.kpi_id is null then 'missing from kpi_catalog'
        when expected.kpi_id is null then 'not in the catalog'
        when catalog.unit <> expected.unit then 'unit ' || catalog.unit || ' <> ' || expected.unit
        else 'grain ' || catalog.grain || ' <> ' || expected.grain
    end as problem
from expected
full outer join catalog
    on expected.kpi_id = catalog.kpi_id
where
    catalog.kpi_id is null
    or expected.kpi_id is null
    or catalog.unit <> expected.unit
    or replace(catalog.grain, ' ', '') <> replace(expected.grain, ' ', '')
