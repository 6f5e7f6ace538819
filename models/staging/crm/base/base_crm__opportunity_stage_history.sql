{{ crm_base_model('opportunity_stage_history') }}
