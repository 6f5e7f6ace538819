{{ crm_base_model('invoices') }}
