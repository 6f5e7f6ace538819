{{ crm_base_model('order_lines') }}
