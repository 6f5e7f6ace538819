{{ crm_base_model('accounts') }}
