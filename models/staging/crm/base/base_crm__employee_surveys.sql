-- depends_on: {{ ref('stg_crm__sales_reps') }}
{{ crm_base_model('employee_surveys') }}
