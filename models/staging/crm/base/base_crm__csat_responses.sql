{{ crm_base_model('csat_responses') }}
