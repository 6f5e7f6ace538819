-- depends_on: {{ ref('stg_crm__accounts') }}
-- depends_on: {{ ref('stg_crm__leads') }}
-- depends_on: {{ ref('stg_crm__pipeline_stages') }}
-- depends_on: {{ ref('stg_crm__sales_reps') }}
-- depends_on: {{ ref('base_crm__fx_rates_to_reporting') }}
{{ crm_base_model('opportunities') }}
