{#-
    The 28 tables of the data contract, in dependency order. Models that ref()
    one model per table loop over this list (dbt resolves refs at parse time,
    before the sources' YAML can be read); a test checks it matches the sources.
-#}
{% macro crm_tables() %}
    {{- return([
        'sales_reps', 'quotas', 'commission_plans', 'accounts', 'contacts',
        'campaigns', 'leads', 'lead_stage_history', 'pipeline_stages',
        'opportunities', 'opportunity_stage_history', 'activities', 'quotes',
        'invoices', 'locations', 'products', 'orders', 'order_lines',
        'competitor_prices', 'subscriptions', 'platform_usage',
        'support_tickets', 'nps_responses', 'csat_responses',
        'employee_surveys', 'forecasts', 'sales_marketing_expenses', 'fx_rates',
    ]) -}}
{% endmacro %}
