{{ crm_base_model('lead_stage_history') }}
