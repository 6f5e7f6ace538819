with

locations as (

    select * from {{ ref('base_crm__locations') }}
    where reject_reason is null

)

select
    location_id,
    location_name,
    location_type,
    region,
    country
from locations
