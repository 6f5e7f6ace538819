-- HubSpot owners as contract sales reps. HubSpot has no sales role, so every
-- rep is an AE (docs/HUBSPOT.md); the team is the owner's first team (Airbyte
-- `teams`). An archived owner is a deactivated user whose deals still count, so
-- only a deleted row (is_deleted / _fivetran_deleted) is marked deleted.
with

owners as (

    select * from {{ source('hubspot', 'owner') }}

),

renamed as (

    select
        trim(coalesce(owner_id, id)) as rep_id,
        trim(first_name) as first_name,
        trim(last_name) as last_name,
        trim(email) as email,
        try_cast(teams as json) ->> '$[0].name' as team,
        {{ hubspot_is_deleted(['is_deleted', '_fivetran_deleted', 'fivetran_deleted']) }} as is_deleted,
        _source_file,
        _source_row
    from owners

)

select
    rep_id,
    nullif(concat_ws(' ', nullif(first_name, ''), nullif(last_name, '')), '') as full_name,
    nullif(email, '') as email,
    'AE' as role,
    team,
    cast(null as varchar) as manager_id,
    cast(null as varchar) as region,
    cast(null as varchar) as hire_date,
    cast(null as varchar) as termination_date,
    _source_file,
    _source_row,
    is_deleted as _source_deleted
from renamed
