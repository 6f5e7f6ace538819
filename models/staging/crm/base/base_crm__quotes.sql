{{ crm_base_model('quotes') }}
