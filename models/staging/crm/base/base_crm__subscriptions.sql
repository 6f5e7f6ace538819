{{ crm_base_model('subscriptions') }}
