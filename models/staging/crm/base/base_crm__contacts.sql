{{ crm_base_model('contacts') }}
