-- User as the contract's sales_reps: every user, since any may own a record.
-- role comes from the user's UserRole name and Title, by keywords in this order:
-- account manager / customer success -> AM; manager, director, head, VP, chief
-- -> MANAGER; sales development / SDR -> SDR; business development / BDR -> BDR;
-- anything else (account executive, sales rep, admin...) -> AE. team is the
-- UserRole name, else the Department. Salesforce keeps no hire or termination
-- date: both are empty.
with

users as (

    select * from {{ source('salesforce', 'user') }}

),

user_roles as (

    select * from {{ source('salesforce', 'user_role') }}

),

roles as (

    select
        {{ salesforce_column('id') }} as user_role_id,
        {{ salesforce_column('name') }} as role_name
    from user_roles

),

renamed as (

    select
        {{ salesforce_column('id') }} as rep_id,
        {{ salesforce_full_name() }} as full_name,
        {{ salesforce_column('email') }} as email,
        {{ salesforce_column('title') }} as title,
        {{ salesforce_column('department') }} as department,
        {{ salesforce_column('user_role_id') }} as user_role_id,
        {{ salesforce_column('manager_id') }} as manager_id,
        {{ salesforce_column('country') }} as country,
        {{ salesforce_lineage('users', has_is_deleted=false) }}
    from users

),

with_roles as (

    select
        renamed.*,
        roles.role_name,
        concat_ws(' ', roles.role_name, renamed.title) as role_text
    from renamed
    left join roles
        on renamed.user_role_id = roles.user_role_id

)

select
    rep_id,
    full_name,
    email,
    coalesce(
        {{ salesforce_keyword_map('role_text', [
            ['account manage|customer success', 'AM'],
            ['manager|director|head of|\\bvp\\b|vice president|chief|\\bcro\\b|\\bceo\\b', 'MANAGER'],
            ['sales development|\\bsdr\\b', 'SDR'],
            ['business development|\\bbdr\\b', 'BDR'],
        ]) }},
        'AE'
    ) as role,
    coalesce(role_name, department) as team,
    manager_id,
    country as region,
    cast(null as {{ dbt.type_string() }}) as hire_date,
    cast(null as {{ dbt.type_string() }}) as termination_date,
    _source_file,
    _source_row,
    _source_deleted
from with_roles
