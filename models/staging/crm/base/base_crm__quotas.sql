{{ crm_base_model('quotas') }}
