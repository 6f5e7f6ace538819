{{ crm_base_model('employee_surveys') }}
