{{ crm_base_model('nps_responses') }}
