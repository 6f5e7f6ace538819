{{ crm_base_model('orders') }}
