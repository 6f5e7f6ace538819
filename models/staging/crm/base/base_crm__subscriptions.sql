-- depends_on: {{ ref('stg_crm__accounts') }}
-- depends_on: {{ ref('stg_crm__products') }}
-- depends_on: {{ ref('base_crm__fx_rates_to_reporting') }}
{{ crm_base_model('subscriptions') }}
