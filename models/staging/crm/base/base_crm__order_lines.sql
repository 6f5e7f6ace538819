-- depends_on: {{ ref('stg_crm__orders') }}
-- depends_on: {{ ref('stg_crm__products') }}
{{ crm_base_model('order_lines') }}
