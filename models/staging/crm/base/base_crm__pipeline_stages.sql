{{ crm_base_model('pipeline_stages') }}
