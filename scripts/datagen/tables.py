"""The 28 contract tables: their columns (read from the contract), id formats, expected sizes and the planned bad rows."""
from __future__ import annotations

from contract import contract_tables

# the contract's columns, in its order (macros/staging/crm_contract.sql): the header of each file
COLUMNS: dict[str, list[str]] = {table: [name for name, _required in columns]
                                 for table, columns in contract_tables().items()}
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
