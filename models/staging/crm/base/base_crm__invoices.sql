-- depends_on: {{ ref('stg_crm__accounts') }}
-- depends_on: {{ ref('stg_crm__orders') }}
-- depends_on: {{ ref('stg_crm__quotes') }}
-- depends_on: {{ ref('base_crm__fx_rates_to_reporting') }}
{{ crm_base_model('invoices') }}
