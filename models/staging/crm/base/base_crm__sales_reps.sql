{{ crm_base_model('sales_reps') }}
