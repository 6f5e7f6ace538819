-- Order as the contract's orders. An activated order (StatusCode or Status
-- Activated) is a completed sale, at its ActivatedDate (else EffectiveDate); a
-- cancelled one is cancelled; a reduction order (IsReductionOrder, a return) is
-- refunded. Any other status (Draft...) is passed on as it is, so the core
-- rejects the order as bad_enum with that status: it is no sale (yet).
with

orders as (

    select * from {{ source('salesforce', 'order') }}

),

renamed as (

    select
        {{ salesforce_column('id') }} as order_id,
        {{ salesforce_column('account_id') }} as account_id,
        {{ salesforce_column('opportunity_id') }} as opportunity_id,
        {{ salesforce_id_of(salesforce_column('owner_id'), '005') }} as rep_id,
        coalesce({{ salesforce_column('activated_date') }}, {{ salesforce_column('effective_date') }}) as ordered_at,
        lower(coalesce({{ salesforce_column('status_code') }}, {{ salesforce_column('status') }})) as status_code,
        {{ salesforce_column('status') }} as status_label,
        coalesce({{ salesforce_boolean(salesforce_column('is_reduction_order')) }}, false) as is_reduction_order,
        upper(coalesce({{ salesforce_column('currency_iso_code') }}, {{ salesforce_default_currency() }})) as currency,
        {{ salesforce_lineage('orders') }}
    from orders

)

select
    order_id,
    account_id,
    opportunity_id,
    rep_id,
    cast(null as {{ dbt.type_string() }}) as location_id,
    ordered_at,
    case
        when is_reduction_order then 'refunded'
        when status_code like 'activ%' then 'completed'
        when status_code like 'cancel%' then 'cancelled'
        else status_label
    end as status,
    currency,
    _source_file,
    _source_row,
    _source_deleted
from renamed
