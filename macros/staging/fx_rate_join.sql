{#-
    Joins base_crm__fx_rates_to_reporting as `alias`: the latest rate on or
    before on_date that converts currency into the reporting currency
    (alias.rate is null when there is none).
-#}
{% macro fx_rate_join(alias, currency, on_date) -%}
    {{ return(adapter.dispatch('fx_rate_join', 'crm_kpi')(alias, currency, on_date)) }}
{%- endmacro %}

{% macro default__fx_rate_join(alias, currency, on_date) -%}
    left join {{ ref('base_crm__fx_rates_to_reporting') }} as {{ alias }}
        on {{ alias }}.from_currency = {{ currency }}
        and {{ on_date }} >= {{ alias }}.rate_date
        and ({{ on_date }} < {{ alias }}.next_rate_date or {{ alias }}.next_rate_date is null)
{%- endmacro %}

{% macro duckdb__fx_rate_join(alias, currency, on_date) -%}
    asof left join {{ ref('base_crm__fx_rates_to_reporting') }} as {{ alias }}
        on {{ alias }}.from_currency = {{ currency }}
        and {{ on_date }} >= {{ alias }}.rate_date
{%- endmacro %}


{#- amount x rate in the reporting currency, as numeric (6 decimals). -#}
{% macro convert_amount(amount, rate) -%}
    cast({{ amount }} * {{ rate }} as {{ dbt.type_numeric() }})
{%- endmacro %}
