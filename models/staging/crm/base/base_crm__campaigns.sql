{{ crm_base_model('campaigns') }}
