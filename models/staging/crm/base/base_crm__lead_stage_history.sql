-- depends_on: {{ ref('stg_crm__leads') }}
{{ crm_base_model('lead_stage_history') }}
