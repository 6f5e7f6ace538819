{#-
    Every KPI declared in a mart model's YAML, as a list of dicts:
        models:
          - name: sales_revenue
            config:
              meta:
                kpis:
                  - kpi_id: sales_revenue
                    name: Sales revenue
                    definition: ...
                    formula: ...
                    unit: amount
                    column: revenue_amount
                    grain: month
                    needs: [orders, order_lines]
                    better: lower          # optional: a fall is good news (default higher)
                    featured: {rank: 1, as: [headline, trend], tab: revenue}
                                           # optional: on the dashboard, in rank order on its
                                           # tab (default its domain) as a headline number,
                                           # a trend chart and/or a breakdown chart
    The domain is the model's folder under models/marts/. Read at execution
    time from dbt's graph: kpi_catalog is generated from it, never hand-kept.
-#}
{% macro kpi_definitions() %}
    {%- set kpis = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'model' and node.config.meta.get('kpis') -%}
            {%- for kpi in node.config.meta['kpis'] -%}
                {%- set domain = node.fqn[2] if node.fqn | length > 3 else 'marts' -%}
                {%- set featured = kpi.get('featured') or {} -%}
                {%- do kpis.append({
                    'kpi_id': kpi['kpi_id'],
                    'name': kpi['name'],
                    'domain': domain,
                    'definition': kpi['definition'],
                    'formula': kpi['formula'],
                    'unit': kpi['unit'],
                    'model': node.alias,
                    'column': kpi['column'],
                    'grain': kpi['grain'],
                    'relation': node.schema ~ '.' ~ node.alias,
                    'requires': kpi_needs(kpi) | sort | join(', '),
                    'needs_list': kpi_needs(kpi) | sort,
                    'better': kpi.get('better', 'higher'),
                    'featured_tab': featured.get('tab', domain) if featured else none,
                    'featured_as': featured.get('as', []) | join(', ') if featured else none,
                    'featured_rank': featured.get('rank') if featured else none,
                }) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(kpis | sort(attribute='kpi_id')) -}}
{% endmacro %}
