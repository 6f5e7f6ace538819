-- depends_on: {{ ref('stg_crm__opportunities') }}
-- depends_on: {{ ref('stg_crm__pipeline_stages') }}
{{ crm_base_model('opportunity_stage_history') }}
