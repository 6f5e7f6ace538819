{{ crm_base_model('opportunities') }}
