{#-
    The raw data contract (docs/DATA_CONTRACT.md) as data: the one place the
    project declares each raw table's columns, types and rules. A macro, not
    source YAML, because dbt's graph is not available while parsing or in unit
    tests, and the models need it then.
    - land_raw_tables() lands each <table>.csv from these column lists, and stops
      with a message naming the file and column when one is missing;
    - base_crm__<table> (crm_base_model) types, normalises and validates each row;
    - scripts/contract.py reads the same YAML to check a data directory first.

    data_type: text | enum | currency | date | timestamp | number | integer | boolean
    column meta:
      values: [...]         allowed values of an enum (matched case-insensitively after trim)
      upper: true           enum emitted upper-case (roles) instead of lower-case
      references: <table>   foreign key to that table's single-column primary key; checked only
                            when that table was supplied, unless parent_required
      parent_required: true the row cannot stand without its parent (an order line's currency is its
                            order's): rejected as orphan_foreign_key even when the parent table is missing
      required: true        a null value rejects the row (missing_value)
      min / max             inclusive bounds (out_of_range); min_exclusive: strict lower bound
                            (integers must also fit an int32, dates and timestamps the window
                            of vars valid_date_min / valid_date_max: crm_range_conditions())
      precision: double     a number kept as a double instead of numeric(28,6) (6 decimals):
                            for values far below 1 (FX rates) whose digits must all be kept
      money: true           amount in the row's currency; staging adds <column>_reporting
      optional_column: true the header may lack it (landed as null)
      event: true           a date of something that happened: the first and latest of these dates
                            bound the KPI months and give the default as-of date (int_event_dates)
    table meta:
      required: true        every build needs the table (only opportunities); any other
                            table may be missing: it lands empty and its KPIs are unavailable
      primary_key: [...]    unique and not null (null_key, duplicate_key)
      fx: {currency, date}  currency column and conversion-date expression (catalog FX rule)
      row_checks: [...]     {condition, reason, column}: a row rule that rejects when true
      as_of: {column, keep_undated}
                            the date that places a row in time: a row dated after the as-of date
                            is not known yet (int_known__<table>, crm_known_condition()); with
                            keep_undated a row without that date is kept
-#}
{#- The contract as YAML text: a list of tables, each starting at a line `- name: <table>`. -#}
{% macro crm_contract_yaml() %}
{%- set contract_yaml -%}
# BEGIN CONTRACT
- name: sales_reps
  description: Sales reps. full_name and email are personal data.
  meta:
    as_of: {column: hire_date, keep_undated: true}
    primary_key: [rep_id]
  columns:
    - {name: rep_id, data_type: text}
    - {name: full_name, data_type: text}
    - {name: email, data_type: text}
    - {name: role, data_type: enum, meta: {values: [AE, BDR, SDR, AM, MANAGER], upper: true, required: true}}
    - {name: team, data_type: text}
    - {name: manager_id, data_type: text, meta: {references: sales_reps}}
    - {name: region, data_type: text}
    - {name: hire_date, data_type: date}
    - {name: termination_date, data_type: date}

- name: quotas
  description: Rep quotas per month or quarter; period_end inclusive.
  meta:
    primary_key: [rep_id, period_start]
    fx: {currency: currency, date: period_start}
    row_checks:
      - {condition: "period_end < period_start", reason: end_before_start, column: period_end}
  columns:
    - {name: rep_id, data_type: text, meta: {references: sales_reps}}
    - {name: period_start, data_type: date}
    - {name: period_end, data_type: date, meta: {required: true}}
    - {name: quota_amount, data_type: number, meta: {money: true, required: true, min: 0}}
    - {name: currency, data_type: currency, meta: {required: true}}

- name: commission_plans
  description: Commission plan per role; rates are fractions, the threshold a percent of quota.
  meta:
    primary_key: [role]
  columns:
    - {name: role, data_type: enum, meta: {values: [AE, BDR, SDR, AM, MANAGER], upper: true}}
    - {name: base_rate, data_type: number, meta: {required: true, min: 0}}
    - {name: accelerator_threshold_pct, data_type: number, meta: {required: true, min: 0}}
    - {name: accelerator_rate, data_type: number, meta: {required: true, min: 0}}

- name: accounts
  description: Customer and prospect accounts.
  meta:
    as_of: {column: created_at, keep_undated: true}
    primary_key: [account_id]
  columns:
    - {name: account_id, data_type: text}
    - {name: account_name, data_type: text}
    - {name: industry, data_type: text}
    - {name: region, data_type: text}
    - {name: country, data_type: text}
    - {name: created_at, data_type: timestamp}
    - {name: owner_rep_id, data_type: text, meta: {references: sales_reps}}
    - {name: acquisition_source, data_type: enum, meta: {values: [inbound, outbound, referral, event, partner]}}
    - {name: referred_by_account_id, data_type: text, meta: {references: accounts}}

- name: contacts
  description: People at accounts. full_name, email and phone are personal data.
  meta:
    primary_key: [contact_id]
  columns:
    - {name: contact_id, data_type: text}
    - {name: account_id, data_type: text, meta: {references: accounts}}
    - {name: full_name, data_type: text}
    - {name: email, data_type: text}
    - {name: phone, data_type: text}
    - {name: job_title, data_type: text}
    - {name: created_at, data_type: timestamp}

- name: campaigns
  description: Marketing campaigns with a budget.
  meta:
    primary_key: [campaign_id]
    fx: {currency: currency, date: start_date}
  columns:
    - {name: campaign_id, data_type: text}
    - {name: campaign_name, data_type: text}
    - {name: channel, data_type: enum, meta: {values: [email, paid_search, paid_social, organic_social, event, webinar, content, partner]}}
    - {name: start_date, data_type: date, meta: {required: true}}
    - {name: end_date, data_type: date}
    - {name: budget, data_type: number, meta: {money: true, min: 0}}
    - {name: currency, data_type: currency, meta: {required: true}}

- name: leads
  description: Leads. full_name and email are personal data.
  meta:
    as_of: {column: created_at}
    primary_key: [lead_id]
  columns:
    - {name: lead_id, data_type: text}
    - {name: created_at, data_type: timestamp, meta: {event: true, required: true}}
    - {name: full_name, data_type: text}
    - {name: email, data_type: text}
    - {name: company_name, data_type: text}
    - {name: source, data_type: enum, meta: {values: [web, paid, social, email, event, referral, outbound, partner]}}
    - {name: origin, data_type: enum, meta: {values: [marketing, sales]}}
    - {name: campaign_id, data_type: text, meta: {references: campaigns}}
    - {name: owner_rep_id, data_type: text, meta: {references: sales_reps}}
    - {name: converted_account_id, data_type: text, meta: {references: accounts}}
    - {name: converted_at, data_type: timestamp, meta: {event: true}}

- name: lead_stage_history
  description: Lifecycle stages a lead entered.
  meta:
    as_of: {column: entered_at}
    primary_key: [lead_id, stage, entered_at]
  columns:
    - {name: lead_id, data_type: text, meta: {references: leads}}
    - {name: stage, data_type: enum, meta: {values: [lead, mql, sql, opportunity, customer, disqualified]}}
    - {name: entered_at, data_type: timestamp, meta: {event: true}}

- name: pipeline_stages
  description: Reference table of opportunity stages.
  meta:
    primary_key: [stage]
  columns:
    - {name: stage, data_type: enum, meta: {values: [prospecting, qualification, demo, proposal, negotiation, closed_won, closed_lost]}}
    - {name: stage_order, data_type: integer, meta: {required: true}}
    - {name: default_probability, data_type: number, meta: {required: true, min: 0, max: 1}}
    - {name: is_closed, data_type: boolean, meta: {required: true}}
    - {name: is_won, data_type: boolean, meta: {required: true}}

- name: opportunities
  description: Opportunities (deals); stage is the current stage.
  meta:
    as_of: {column: created_at}
    required: true
    primary_key: [opportunity_id]
    fx: {currency: currency, date: "coalesce(close_date, cast(created_at as date))"}
    row_checks:
      - {condition: "close_date < cast(created_at as date)", reason: close_before_create, column: close_date}
      - {condition: "stage in ('closed_won', 'closed_lost') and close_date is null", reason: missing_value, column: close_date}
  columns:
    - {name: opportunity_id, data_type: text}
    - {name: account_id, data_type: text, meta: {references: accounts}}
    - {name: lead_id, data_type: text, meta: {references: leads}}
    - {name: owner_rep_id, data_type: text, meta: {references: sales_reps}}
    - {name: opportunity_name, data_type: text}
    - {name: deal_type, data_type: enum, meta: {values: [new_business, upsell, cross_sell, renewal]}}
    - {name: created_at, data_type: timestamp, meta: {event: true, required: true}}
    - {name: close_date, data_type: date, meta: {event: true}}
    - {name: stage, data_type: enum, meta: {references: pipeline_stages, required: true}}
    - {name: amount, data_type: number, meta: {money: true, min: 0}}
    - {name: currency, data_type: currency, meta: {required: true}}

- name: opportunity_stage_history
  description: Stages an opportunity entered; a stay ends when the next entry begins.
  meta:
    as_of: {column: entered_at}
    primary_key: [opportunity_id, entered_at]
  columns:
    - {name: opportunity_id, data_type: text, meta: {references: opportunities}}
    - {name: stage, data_type: enum, meta: {references: pipeline_stages, required: true}}
    - {name: entered_at, data_type: timestamp, meta: {event: true}}

- name: activities
  description: Sales activities (calls, emails, meetings, demos, social...).
  meta:
    as_of: {column: occurred_at}
    primary_key: [activity_id]
    row_checks:
      - {condition: "social_kind is not null and activity_type <> 'social_engagement'", reason: bad_enum, column: social_kind}
  columns:
    - {name: activity_id, data_type: text}
    - {name: activity_type, data_type: enum, meta: {values: [call, email, meeting, video_meeting, demo, follow_up, networking_event, social_engagement], required: true}}
    - {name: direction, data_type: enum, meta: {values: [outbound, inbound]}}
    - {name: rep_id, data_type: text, meta: {references: sales_reps}}
    - {name: lead_id, data_type: text, meta: {references: leads}}
    - {name: contact_id, data_type: text, meta: {references: contacts}}
    - {name: account_id, data_type: text, meta: {references: accounts}}
    - {name: opportunity_id, data_type: text, meta: {references: opportunities}}
    - {name: occurred_at, data_type: timestamp, meta: {event: true, required: true}}
    - {name: duration_minutes, data_type: number, meta: {min: 0}}
    - {name: outcome, data_type: enum, meta: {values: [positive_reply, negative_reply, meeting_booked, completed, no_show, no_answer, none]}}
    - {name: social_kind, data_type: enum, meta: {values: [like, comment, share, direct_message]}}

- name: quotes
  description: Quotes (proposals, pro-forma invoices).
  meta:
    as_of: {column: sent_at}
    primary_key: [quote_id]
    fx: {currency: currency, date: "cast(sent_at as date)"}
  columns:
    - {name: quote_id, data_type: text}
    - {name: opportunity_id, data_type: text, meta: {references: opportunities}}
    - {name: account_id, data_type: text, meta: {references: accounts}}
    - {name: rep_id, data_type: text, meta: {references: sales_reps}}
    - {name: sent_at, data_type: timestamp, meta: {event: true, required: true}}
    - {name: amount, data_type: number, meta: {money: true, min: 0}}
    - {name: currency, data_type: currency, meta: {required: true}}
    - {name: status, data_type: enum, meta: {values: [sent, accepted, rejected, expired]}}

- name: invoices
  description: Invoices.
  meta:
    as_of: {column: issued_at}
    primary_key: [invoice_id]
    fx: {currency: currency, date: "cast(issued_at as date)"}
  columns:
    - {name: invoice_id, data_type: text}
    - {name: account_id, data_type: text, meta: {references: accounts}}
    - {name: quote_id, data_type: text, meta: {references: quotes}}
    - {name: order_id, data_type: text, meta: {references: orders}}
    - {name: issued_at, data_type: timestamp, meta: {event: true, required: true}}
    - {name: amount, data_type: number, meta: {money: true, min: 0}}
    - {name: currency, data_type: currency, meta: {required: true}}
    - {name: status, data_type: enum, meta: {values: [issued, paid, void]}}

- name: locations
  description: Points of sale.
  meta:
    primary_key: [location_id]
  columns:
    - {name: location_id, data_type: text}
    - {name: location_name, data_type: text}
    - {name: location_type, data_type: enum, meta: {values: [store, online, field]}}
    - {name: region, data_type: text}
    - {name: country, data_type: text}

- name: products
  description: Products; list_price and unit_cost convert at the date they are used (the order's ordered_at).
  meta:
    primary_key: [product_id]
  columns:
    - {name: product_id, data_type: text}
    - {name: product_name, data_type: text}
    - {name: category, data_type: text}
    - {name: list_price, data_type: number, meta: {min: 0}}
    - {name: unit_cost, data_type: number, meta: {min: 0}}
    - {name: currency, data_type: currency, meta: {required: true}}
    - {name: is_subscription, data_type: boolean}

- name: orders
  description: Orders; only completed orders count as sales. Their lines are in the order's currency.
  meta:
    as_of: {column: ordered_at}
    primary_key: [order_id]
    fx: {currency: currency, date: "cast(ordered_at as date)"}
  columns:
    - {name: order_id, data_type: text}
    - {name: account_id, data_type: text, meta: {references: accounts}}
    - {name: opportunity_id, data_type: text, meta: {references: opportunities}}
    - {name: rep_id, data_type: text, meta: {references: sales_reps}}
    - {name: location_id, data_type: text, meta: {references: locations}}
    - {name: ordered_at, data_type: timestamp, meta: {event: true, required: true}}
    - {name: status, data_type: enum, meta: {values: [completed, cancelled, refunded], required: true}}
    - {name: currency, data_type: currency, meta: {required: true}}

- name: order_lines
  description: Order lines, in the order's currency.
  meta:
    primary_key: [order_id, line_number]
  columns:
    - {name: order_id, data_type: text, meta: {references: orders, parent_required: true}}
    - {name: line_number, data_type: integer}
    - {name: product_id, data_type: text, meta: {references: products, required: true}}
    - {name: quantity, data_type: number, meta: {required: true, min_exclusive: 0}}
    - {name: unit_price, data_type: number, meta: {required: true, min: 0}}
    - {name: discount_amount, data_type: number, meta: {min: 0, optional_column: true}}

- name: competitor_prices
  description: Competitor prices observed per product.
  meta:
    as_of: {column: observed_on}
    primary_key: [product_id, competitor_name, observed_on]
    fx: {currency: currency, date: observed_on}
  columns:
    - {name: product_id, data_type: text, meta: {references: products}}
    - {name: competitor_name, data_type: text}
    - {name: observed_on, data_type: date, meta: {event: true}}
    - {name: price, data_type: number, meta: {money: true, required: true, min: 0}}
    - {name: currency, data_type: currency, meta: {required: true}}

- name: subscriptions
  description: Subscriptions; ended_on is exclusive and null while active.
  meta:
    as_of: {column: started_on}
    primary_key: [subscription_id]
    fx: {currency: currency, date: started_on}
    row_checks:
      - {condition: "ended_on < started_on", reason: end_before_start, column: ended_on}
  columns:
    - {name: subscription_id, data_type: text}
    - {name: account_id, data_type: text, meta: {references: accounts, required: true}}
    - {name: product_id, data_type: text, meta: {references: products}}
    - {name: started_on, data_type: date, meta: {event: true, required: true}}
    - {name: ended_on, data_type: date, meta: {event: true}}
    - {name: mrr_amount, data_type: number, meta: {money: true, required: true, min: 0}}
    - {name: currency, data_type: currency, meta: {required: true}}

- name: platform_usage
  description: Daily platform usage per account.
  meta:
    as_of: {column: usage_date}
    primary_key: [account_id, usage_date]
  columns:
    - {name: account_id, data_type: text, meta: {references: accounts}}
    - {name: usage_date, data_type: date, meta: {event: true}}
    - {name: active_minutes, data_type: number, meta: {min: 0}}

- name: support_tickets
  description: Support tickets (inquiries and issues).
  meta:
    as_of: {column: opened_at}
    primary_key: [ticket_id]
  columns:
    - {name: ticket_id, data_type: text}
    - {name: account_id, data_type: text, meta: {references: accounts}}
    - {name: contact_id, data_type: text, meta: {references: contacts}}
    - {name: channel, data_type: enum, meta: {values: [phone, email, chat]}}
    - {name: ticket_type, data_type: enum, meta: {values: [inquiry, issue]}}
    - {name: opened_at, data_type: timestamp, meta: {event: true, required: true}}
    - {name: first_response_at, data_type: timestamp, meta: {event: true}}
    - {name: resolved_at, data_type: timestamp, meta: {event: true}}

- name: nps_responses
  description: NPS survey responses, score 0..10.
  meta:
    as_of: {column: responded_at}
    primary_key: [response_id]
  columns:
    - {name: response_id, data_type: text}
    - {name: account_id, data_type: text, meta: {references: accounts}}
    - {name: contact_id, data_type: text, meta: {references: contacts}}
    - {name: responded_at, data_type: timestamp, meta: {event: true, required: true}}
    - {name: score, data_type: integer, meta: {required: true, min: 0, max: 10}}

- name: csat_responses
  description: CSAT survey responses, score 1..5.
  meta:
    as_of: {column: responded_at}
    primary_key: [response_id]
  columns:
    - {name: response_id, data_type: text}
    - {name: account_id, data_type: text, meta: {references: accounts}}
    - {name: ticket_id, data_type: text, meta: {references: support_tickets}}
    - {name: responded_at, data_type: timestamp, meta: {event: true, required: true}}
    - {name: score, data_type: integer, meta: {required: true, min: 1, max: 5}}

- name: employee_surveys
  description: Employee NPS (eNPS) responses, score 0..10.
  meta:
    as_of: {column: responded_at}
    primary_key: [response_id]
  columns:
    - {name: response_id, data_type: text}
    - {name: rep_id, data_type: text, meta: {references: sales_reps}}
    - {name: responded_at, data_type: timestamp, meta: {event: true, required: true}}
    - {name: score, data_type: integer, meta: {required: true, min: 0, max: 10}}

- name: forecasts
  description: Rep forecasts per period.
  meta:
    as_of: {column: submitted_at, keep_undated: true}
    primary_key: [rep_id, period_start]
    fx: {currency: currency, date: period_start}
    row_checks:
      - {condition: "period_end < period_start", reason: end_before_start, column: period_end}
  columns:
    - {name: rep_id, data_type: text, meta: {references: sales_reps}}
    - {name: period_start, data_type: date}
    - {name: period_end, data_type: date, meta: {required: true}}
    - {name: forecast_amount, data_type: number, meta: {money: true, required: true, min: 0}}
    - {name: currency, data_type: currency, meta: {required: true}}
    - {name: submitted_at, data_type: timestamp, meta: {event: true}}

- name: sales_marketing_expenses
  description: Sales and marketing expenses per month; expense_month is the first day of a month.
  meta:
    as_of: {column: expense_month}
    primary_key: [expense_id]
    fx: {currency: currency, date: expense_month}
    row_checks:
      - {condition: "extract(day from expense_month) <> 1", reason: out_of_range, column: expense_month}
  columns:
    - {name: expense_id, data_type: text}
    - {name: expense_month, data_type: date, meta: {event: true, required: true}}
    - {name: category, data_type: enum, meta: {values: [advertising, campaign, content, events, tools, sales_salaries, marketing_salaries, commissions, other], required: true}}
    - {name: campaign_id, data_type: text, meta: {references: campaigns}}
    - {name: amount, data_type: number, meta: {money: true, required: true, min: 0}}
    - {name: currency, data_type: currency, meta: {required: true}}

- name: fx_rates
  description: FX rates; amount_in_to = amount_in_from * rate.
  meta:
    primary_key: [rate_date, from_currency, to_currency]
  columns:
    - {name: rate_date, data_type: date}
    - {name: from_currency, data_type: currency}
    - {name: to_currency, data_type: currency}
    - {name: rate, data_type: number, meta: {required: true, min_exclusive: 0, precision: double}}
# END CONTRACT
{%- endset -%}
{{- return(contract_yaml) -}}
{% endmacro %}


{#-
    One table of the contract by name, with `meta` defaulted to {} on the table and its
    columns. Only that table's YAML is parsed: models and tests call this hundreds of
    times per run, and parsing the whole contract (12 ms) each time was an eighth of
    dbt's CPU on the sample.
-#}
{% macro crm_table(table_name) %}
    {%- for chunk in crm_contract_yaml().split('\n- name: ')[1:] if chunk.split('\n', 1)[0].strip() == table_name -%}
        {%- set table = fromyaml('- name: ' ~ chunk)[0] -%}
        {%- do table.setdefault('meta', {}) -%}
        {%- for column in table.columns -%}
            {%- do column.setdefault('meta', {}) -%}
        {%- endfor -%}
        {{- return(table) -}}
    {%- endfor -%}
    {{- exceptions.raise_compiler_error("No table '" ~ table_name ~ "' in the data contract (macros/staging/crm_contract.sql)") -}}
{% endmacro %}


{#- The contract's table names, in contract order (each table's YAML starts with a line `- name: <table>`). -#}
{% macro crm_tables() %}
    {{- return(modules.re.findall('(?m)^- name: *(\\S+) *$', crm_contract_yaml())) -}}
{% endmacro %}


{#- One column of a contract table (from crm_table) by name. -#}
{% macro crm_column(table, column_name) %}
    {%- for column in table.columns if column.name == column_name -%}
        {{- return(column) -}}
    {%- endfor -%}
    {{- exceptions.raise_compiler_error("No column '" ~ column_name ~ "' in contract table '" ~ table.name ~ "'") -}}
{% endmacro %}


{#- The allowed values of an enum column of the contract, in contract order. -#}
{% macro crm_enum_values(table_name, column_name) %}
    {%- set values = crm_column(crm_table(table_name), column_name).meta.get('values') -%}
    {%- if not values -%}
        {{- exceptions.raise_compiler_error("Contract column '" ~ table_name ~ "." ~ column_name ~ "' has no enum values") -}}
    {%- endif -%}
    {{- return(values) -}}
{% endmacro %}
