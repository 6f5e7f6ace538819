{{ crm_base_model('forecasts') }}
