-- depends_on: {{ ref('stg_crm__accounts') }}
-- depends_on: {{ ref('stg_crm__campaigns') }}
-- depends_on: {{ ref('stg_crm__sales_reps') }}
{{ crm_base_model('leads') }}
