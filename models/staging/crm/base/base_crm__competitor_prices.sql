{{ crm_base_model('competitor_prices') }}
