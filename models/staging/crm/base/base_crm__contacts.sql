-- depends_on: {{ ref('stg_crm__accounts') }}
{{ crm_base_model('contacts') }}
