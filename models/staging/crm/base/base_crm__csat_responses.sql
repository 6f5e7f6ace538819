-- depends_on: {{ ref('stg_crm__accounts') }}
-- depends_on: {{ ref('stg_crm__support_tickets') }}
{{ crm_base_model('csat_responses') }}
