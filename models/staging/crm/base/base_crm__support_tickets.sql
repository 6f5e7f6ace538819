{{ crm_base_model('support_tickets') }}
