{{ crm_base_model('products') }}
