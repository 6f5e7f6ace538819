"""The 28 contract tables: their columns, id formats, expected sizes and the planned bad rows."""
from __future__ import annotations

COLUMNS: dict[str, list[str]] = {
    "sales_reps": ["rep_id", "full_name", "email", "role", "team", "manager_id", "region", "hire_date", "termination_date"],
    "quotas": ["rep_id", "period_start", "period_end", "quota_amount", "currency"],
    "commission_plans": ["role", "base_rate", "accelerator_threshold_pct", "accelerator_rate"],
    "accounts": ["account_id", "account_name", "industry", "region", "country", "created_at", "owner_rep_id", "acquisition_source", "referred_by_account_id"],
    "contacts": ["contact_id", "account_id", "full_name", "email", "phone", "job_title", "created_at"],
    "campaigns": ["campaign_id", "campaign_name", "channel", "start_date", "end_date", "budget", "currency"],
    "leads": ["lead_id", "created_at", "full_name", "email", "company_name", "source", "origin", "campaign_id", "owner_rep_id", "converted_account_id", "converted_at"],
    "lead_stage_history": ["lead_id", "stage", "entered_at"],
    "pipeline_stages": ["stage", "stage_order", "default_probability", "is_closed", "is_won"],
    "opportunities": ["opportunity_id", "account_id", "lead_id", "owner_rep_id", "opportunity_name", "deal_type", "created_at", "close_date", "stage", "amount", "currency"],
    "opportunity_stage_history": ["opportunity_id", "stage", "entered_at"],
    "activities": ["activity_id", "activity_type", "direction", "rep_id", "lead_id", "contact_id", "account_id", "opportunity_id", "occurred_at", "duration_minutes", "outcome", "social_kind"],
    "quotes": ["quote_id", "opportunity_id", "account_id", "rep_id", "sent_at", "amount", "currency", "status"],
    "invoices": ["invoice_id", "account_id", "quote_id", "order_id", "issued_at", "amount", "currency", "status"],
    "locations": ["location_id", "location_name", "location_type", "region", "country"],
    "products": ["product_id", "product_name", "category", "list_price", "unit_cost", "currency", "is_subscription"],
    "orders": ["order_id", "account_id", "opportunity_id", "rep_id", "location_id", "ordered_at", "status", "currency"],
    "order_lines": ["order_id", "line_number", "product_id", "quantity", "unit_price", "discount_amount"],
    "competitor_prices": ["product_id", "competitor_name", "observed_on", "price", "currency"],
    "subscriptions": ["subscription_id", "account_id", "product_id", "started_on", "ended_on", "mrr_amount", "currency"],
    "platform_usage": ["account_id", "usage_date", "active_minutes"],
    "support_tickets": ["ticket_id", "account_id", "contact_id", "channel", "ticket_type", "opened_at", "first_response_at", "resolved_at"],
    "nps_responses": ["response_id", "account_id", "contact_id", "responded_at", "score"],
    "csat_responses": ["response_id", "account_id", "ticket_id", "responded_at", "score"],
    "employee_surveys": ["response_id", "rep_id", "responded_at", "score"],
    "forecasts": ["rep_id", "period_start", "period_end", "forecast_amount", "currency", "submitted_at"],
    "sales_marketing_expenses": ["expense_id", "expense_month", "category", "campaign_id", "amount", "currency"],
    "fx_rates": ["rate_date", "from_currency", "to_currency", "rate"],
}
MANIFEST = "_injected_rejects"
MANIFEST_COLUMNS = ["table_name", "source_row", "reason", "column_name"]

# table -> (id prefix, minimum digits); the id is the table's first column
ID_SPEC = {"sales_reps": ("R", 4), "accounts": ("A", 5), "contacts": ("C", 5), "campaigns": ("CMP", 3),
           "leads": ("L", 5), "opportunities": ("OPP", 5), "activities": ("ACT", 6), "quotes": ("Q", 5),
           "invoices": ("INV", 5), "locations": ("LOC", 2), "products": ("P", 3), "orders": ("ORD", 5),
           "subscriptions": ("SUB", 5), "support_tickets": ("T", 5), "nps_responses": ("NPS", 5),
           "csat_responses": ("CSAT", 5), "employee_surveys": ("ES", 5), "sales_marketing_expenses": ("EXP", 5)}
# rough rows at scale 1 and how they grow: big = scale**1.75, rep = scale**0.75, camp = scale**0.5
EXPECTED = {"sales_reps": (25, "rep"), "quotas": (200, "rep"), "accounts": (150, "big"), "contacts": (380, "big"),
            "campaigns": (10, "camp"), "leads": (600, "big"), "lead_stage_history": (1500, "big"),
            "opportunities": (320, "big"), "opportunity_stage_history": (1200, "big"), "activities": (3200, "big"),
            "quotes": (160, "big"), "invoices": (200, "big"), "locations": (5, "one"), "products": (12, "one"),
            "orders": (250, "big"), "order_lines": (630, "big"), "competitor_prices": (150, "one"),
            "subscriptions": (100, "big"), "platform_usage": (1500, "big"), "support_tickets": (200, "big"),
            "nps_responses": (120, "big"), "csat_responses": (90, "big"), "employee_surveys": (150, "rep"),
            "forecasts": (200, "rep"), "sales_marketing_expenses": (300, "camp"), "fx_rates": (3000, "one"),
            "commission_plans": (5, "one"), "pipeline_stages": (7, "one")}
FOREIGN_PARENT = {"rep_id": "sales_reps", "account_id": "accounts", "product_id": "products",
                  "opportunity_id": "opportunities", "lead_id": "leads"}

# (table, reason, column, bad value); None = copy an earlier row, ORPHAN / CLOSE_BEFORE = computed
ORPHAN, CLOSE_BEFORE = "<orphan>", "<close-before-create>"
INJECTIONS: list[tuple[str, str, str, str | None]] = [
    ("activities", "null_key", "activity_id", ""),
    ("contacts", "null_key", "contact_id", ""),
    ("support_tickets", "null_key", "ticket_id", ""),
    ("leads", "duplicate_key", "lead_id", None),
    ("order_lines", "duplicate_key", "order_id", None),
    ("activities", "duplicate_key", "activity_id", None),
    ("activities", "bad_enum", "activity_type", "fax"),
    ("opportunities", "bad_enum", "deal_type", "barter"),
    ("support_tickets", "bad_enum", "channel", "carrier pigeon"),
    ("orders", "unparsable_date", "ordered_at", "2025-13-07T10:00:00Z"),
    ("leads", "unparsable_date", "created_at", "2025-02-30 09:15:00"),
    ("sales_reps", "unparsable_date", "hire_date", "31/12/2023"),
    ("order_lines", "unparsable_number", "unit_price", "12..50"),
    ("opportunities", "unparsable_number", "amount", "ten thousand"),
    ("campaigns", "unparsable_number", "budget", "5k"),
    ("products", "unparsable_boolean", "is_subscription", "maybe"),
    ("products", "unparsable_boolean", "is_subscription", "sometimes"),
    ("order_lines", "out_of_range", "quantity", "-2"),
    ("nps_responses", "out_of_range", "score", "11"),
    ("csat_responses", "out_of_range", "score", "0"),
    ("employee_surveys", "out_of_range", "score", "12"),
    ("activities", "orphan_foreign_key", "rep_id", ORPHAN),
    ("contacts", "orphan_foreign_key", "account_id", ORPHAN),
    ("order_lines", "orphan_foreign_key", "product_id", ORPHAN),
    ("opportunity_stage_history", "orphan_foreign_key", "opportunity_id", ORPHAN),
    ("opportunities", "close_before_create", "close_date", CLOSE_BEFORE),
    ("opportunities", "close_before_create", "close_date", CLOSE_BEFORE),
    ("orders", "missing_fx_rate", "currency", "CHF"),
    ("quotes", "missing_fx_rate", "currency", "JPY"),
    ("sales_marketing_expenses", "missing_fx_rate", "currency", "CHF"),
]


def growth(kind: str, scale: float) -> float:
    return {"big": scale ** 1.75, "rep": scale ** 0.75,
            "camp": scale ** 0.5, "one": 1.0}[kind]


def expected_rows(table: str, scale: float) -> int:
    base, kind = EXPECTED[table]
    return max(5, round(base * growth(kind, scale)))
