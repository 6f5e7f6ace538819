{{ crm_base_model('platform_usage') }}
