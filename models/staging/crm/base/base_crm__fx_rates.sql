{{ crm_base_model('fx_rates') }}
