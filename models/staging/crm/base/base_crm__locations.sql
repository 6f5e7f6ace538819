{{ crm_base_model('locations') }}
