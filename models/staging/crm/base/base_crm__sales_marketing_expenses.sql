{{ crm_base_model('sales_marketing_expenses') }}
