{{ crm_base_model('commission_plans') }}
