-- depends_on: {{ ref('stg_crm__accounts') }}
-- depends_on: {{ ref('stg_crm__contacts') }}
{{ crm_base_model('support_tickets') }}
