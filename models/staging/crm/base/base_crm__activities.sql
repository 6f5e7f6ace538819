{{ crm_base_model('activities') }}
