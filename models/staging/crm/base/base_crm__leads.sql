{{ crm_base_model('leads') }}
