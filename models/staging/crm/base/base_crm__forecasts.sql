-- depends_on: {{ ref('stg_crm__sales_reps') }}
-- depends_on: {{ ref('base_crm__fx_rates_to_reporting') }}
{{ crm_base_model('forecasts') }}
