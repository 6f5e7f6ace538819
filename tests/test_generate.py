"""Tests of scripts/generate.py: determinism, the contract's shape, and the injected rejects.

The validator below re-derives every contract violation from the CSV files on its own
(it does not read the generator's rules) and checks that exactly the rows listed in
`_injected_rejects.csv` break the contract, each one exactly one rule, the listed one.
"""
from __future__ import annotations

import csv
import filecmp
import importlib.util
import re
import sys
import time
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("crm_generate", ROOT / "scripts" / "generate.py")
gen = importlib.util.module_from_spec(_spec)
sys.modules["crm_generate"] = gen
_spec.loader.exec_module(gen)

# ---- the contract, written out independently of the generator -------------------------------
CONTRACT: dict[str, tuple[str, ...]] = {
    "sales_reps": ("rep_id", "full_name", "email", "role", "team", "manager_id", "region", "hire_date", "termination_date"),
    "quotas": ("rep_id", "period_start", "period_end", "quota_amount", "currency"),
    "commission_plans": ("role", "base_rate", "accelerator_threshold_pct", "accelerator_rate"),
    "accounts": ("account_id", "account_name", "industry", "region", "country", "created_at", "owner_rep_id", "acquisition_source", "referred_by_account_id"),
    "contacts": ("contact_id", "account_id", "full_name", "email", "phone", "job_title", "created_at"),
    "campaigns": ("campaign_id", "campaign_name", "channel", "start_date", "end_date", "budget", "currency"),
    "leads": ("lead_id", "created_at", "full_name", "email", "company_name", "source", "origin", "campaign_id", "owner_rep_id", "converted_account_id", "converted_at"),
    "lead_stage_history": ("lead_id", "stage", "entered_at"),
    "pipeline_stages": ("stage", "stage_order", "default_probability", "is_closed", "is_won"),
    "opportunities": ("opportunity_id", "account_id", "lead_id", "owner_rep_id", "opportunity_name", "deal_type", "created_at", "close_date", "stage", "amount", "currency"),
    "opportunity_stage_history": ("opportunity_id", "stage", "entered_at"),
    "activities": ("activity_id", "activity_type", "direction", "rep_id", "lead_id", "contact_id", "account_id", "opportunity_id", "occurred_at", "duration_minutes", "outcome", "social_kind"),
    "quotes": ("quote_id", "opportunity_id", "account_id", "rep_id", "sent_at", "amount", "currency", "status"),
    "invoices": ("invoice_id", "account_id", "quote_id", "order_id", "issued_at", "amount", "currency", "status"),
    "locations": ("location_id", "location_name", "location_type", "region", "country"),
    "products": ("product_id", "product_name", "category", "list_price", "unit_cost", "currency", "is_subscription"),
    "orders": ("order_id", "account_id", "opportunity_id", "rep_id", "location_id", "ordered_at", "status", "currency"),
    "order_lines": ("order_id", "line_number", "product_id", "quantity", "unit_price", "discount_amount"),
    "competitor_prices": ("product_id", "competitor_name", "observed_on", "price", "currency"),
    "subscriptions": ("subscription_id", "account_id", "product_id", "started_on", "ended_on", "mrr_amount", "currency"),
    "platform_usage": ("account_id", "usage_date", "active_minutes"),
    "support_tickets": ("ticket_id", "account_id", "contact_id", "channel", "ticket_type", "opened_at", "first_response_at", "resolved_at"),
    "nps_responses": ("response_id", "account_id", "contact_id", "responded_at", "score"),
    "csat_responses": ("response_id", "account_id", "ticket_id", "responded_at", "score"),
    "employee_surveys": ("response_id", "rep_id", "responded_at", "score"),
    "forecasts": ("rep_id", "period_start", "period_end", "forecast_amount", "currency", "submitted_at"),
    "sales_marketing_expenses": ("expense_id", "expense_month", "category", "campaign_id", "amount", "currency"),
    "fx_rates": ("rate_date", "from_currency", "to_currency", "rate"),
}
COMPOSITE_PK = {"quotas": ("rep_id", "period_start"), "lead_stage_history": ("lead_id", "stage", "entered_at"),
                "opportunity_stage_history": ("opportunity_id", "entered_at"), "order_lines": ("order_id", "line_number"),
                "competitor_prices": ("product_id", "competitor_name", "observed_on"),
                "platform_usage": ("account_id", "usage_date"), "forecasts": ("rep_id", "period_start"),
                "fx_rates": ("rate_date", "from_currency", "to_currency")}
STAGE_ORDER = ["prospecting", "qualification", "demo", "proposal", "negotiation", "closed_won", "closed_lost"]
STAGES = {"prospecting", "qualification", "demo", "proposal", "negotiation", "closed_won", "closed_lost"}
ENUMS: dict[tuple[str, str], set[str]] = {
    ("sales_reps", "role"): {"ae", "bdr", "sdr", "am", "manager"},
    ("commission_plans", "role"): {"ae", "bdr", "sdr", "am", "manager"},
    ("accounts", "acquisition_source"): {"inbound", "outbound", "referral", "event", "partner"},
    ("campaigns", "channel"): {"email", "paid_search", "paid_social", "organic_social", "event", "webinar", "content", "partner"},
    ("leads", "source"): {"web", "paid", "social", "email", "event", "referral", "outbound", "partner"},
    ("leads", "origin"): {"marketing", "sales"},
    ("lead_stage_history", "stage"): {"lead", "mql", "sql", "opportunity", "customer", "disqualified"},
    ("pipeline_stages", "stage"): STAGES,
    ("opportunities", "deal_type"): {"new_business", "upsell", "cross_sell", "renewal"},
    ("opportunities", "stage"): STAGES,
    ("opportunity_stage_history", "stage"): STAGES,
    ("activities", "activity_type"): {"call", "email", "meeting", "video_meeting", "demo", "follow_up", "networking_event", "social_engagement"},
    ("activities", "direction"): {"outbound", "inbound"},
    ("activities", "outcome"): {"positive_reply", "negative_reply", "meeting_booked", "completed", "no_show", "no_answer", "none"},
    ("activities", "social_kind"): {"like", "comment", "share", "direct_message"},
    ("quotes", "status"): {"sent", "accepted", "rejected", "expired"},
    ("invoices", "status"): {"issued", "paid", "void"},
    ("locations", "location_type"): {"store", "online", "field"},
    ("orders", "status"): {"completed", "cancelled", "refunded"},
    ("support_tickets", "channel"): {"phone", "email", "chat"},
    ("support_tickets", "ticket_type"): {"inquiry", "issue"},
    ("sales_marketing_expenses", "category"): {"advertising", "campaign", "content", "events", "tools", "sales_salaries",
                                               "marketing_salaries", "commissions", "other"},
}
FKS: dict[str, list[tuple[str, str]]] = {   # table -> [(column, parent table)]
    "sales_reps": [("manager_id", "sales_reps")], "quotas": [("rep_id", "sales_reps")],
    "accounts": [("owner_rep_id", "sales_reps"), ("referred_by_account_id", "accounts")],
    "contacts": [("account_id", "accounts")],
    "leads": [("campaign_id", "campaigns"), ("owner_rep_id", "sales_reps"), ("converted_account_id", "accounts")],
    "lead_stage_history": [("lead_id", "leads")],
    "opportunities": [("account_id", "accounts"), ("lead_id", "leads"), ("owner_rep_id", "sales_reps"), ("stage", "pipeline_stages")],
    "opportunity_stage_history": [("opportunity_id", "opportunities"), ("stage", "pipeline_stages")],
    "activities": [("rep_id", "sales_reps"), ("lead_id", "leads"), ("contact_id", "contacts"), ("account_id", "accounts"),
                   ("opportunity_id", "opportunities")],
    "quotes": [("opportunity_id", "opportunities"), ("account_id", "accounts"), ("rep_id", "sales_reps")],
    "invoices": [("account_id", "accounts"), ("quote_id", "quotes"), ("order_id", "orders")],
    "orders": [("account_id", "accounts"), ("opportunity_id", "opportunities"), ("rep_id", "sales_reps"), ("location_id", "locations")],
    "order_lines": [("order_id", "orders"), ("product_id", "products")],
    "competitor_prices": [("product_id", "products")],
    "subscriptions": [("account_id", "accounts"), ("product_id", "products")],
    "platform_usage": [("account_id", "accounts")],
    "support_tickets": [("account_id", "accounts"), ("contact_id", "contacts")],
    "nps_responses": [("account_id", "accounts"), ("contact_id", "contacts")],
    "csat_responses": [("account_id", "accounts"), ("ticket_id", "support_tickets")],
    "employee_surveys": [("rep_id", "sales_reps")], "forecasts": [("rep_id", "sales_reps")],
    "sales_marketing_expenses": [("campaign_id", "campaigns")],
}
DATE_COLS = {"hire_date", "termination_date", "period_start", "period_end", "start_date", "end_date", "close_date",
             "observed_on", "started_on", "ended_on", "usage_date", "expense_month", "rate_date"}
TS_COLS = {"created_at", "converted_at", "entered_at", "occurred_at", "sent_at", "issued_at", "ordered_at", "opened_at",
           "first_response_at", "resolved_at", "responded_at", "submitted_at"}
NON_NEGATIVE = {"quota_amount", "budget", "amount", "list_price", "unit_cost", "price", "mrr_amount", "forecast_amount",
                "unit_price", "discount_amount", "active_minutes", "duration_minutes", "base_rate", "accelerator_rate",
                "accelerator_threshold_pct"}
NUMBER_COLS = NON_NEGATIVE | {"quantity", "score", "rate", "default_probability", "stage_order", "line_number"}
NUMBER_RE = re.compile(r"^-?\d+(\.\d+)?$")
TS_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}Z?$")
REASONS = {"null_key", "duplicate_key", "bad_enum", "unparsable_date", "unparsable_number", "unparsable_boolean",
           "out_of_range", "orphan_foreign_key", "close_before_create", "missing_fx_rate"}


def read(out: Path, table: str) -> tuple[list[str], list[dict[str, str]]]:
    with (out / f"{table}.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def manifest(out: Path) -> set[tuple[str, int, str, str]]:
    _, rows = read(out, "_injected_rejects")
    return {(r["table_name"], int(r["source_row"]), r["reason"], r["column_name"]) for r in rows}


def parse_date(v: str) -> date | None:
    try:
        return date.fromisoformat(v) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) else None
    except ValueError:
        return None


def parse_ts(v: str) -> datetime | None:
    try:
        return datetime.fromisoformat(v.rstrip("Z")) if TS_RE.match(v) else None
    except ValueError:
        return None


def local_violations(table: str, row: dict[str, str], fx: set[str]) -> list[tuple[str, str]]:
    """Violations visible in the row itself: types, enums, ranges, dates, currency."""
    found = []
    for col, v in row.items():
        if v == "":
            continue
        if (table, col) in ENUMS:
            if v.strip().lower() not in ENUMS[(table, col)]:
                found.append(("bad_enum", col))
        elif col in DATE_COLS and parse_date(v) is None:
            found.append(("unparsable_date", col))
        elif col in TS_COLS and parse_ts(v) is None:
            found.append(("unparsable_date", col))
        elif col in {"is_closed", "is_won", "is_subscription"} and v.strip().lower() not in {"true", "false"}:
            found.append(("unparsable_boolean", col))
        elif col in NUMBER_COLS:
            if not NUMBER_RE.match(v):
                found.append(("unparsable_number", col))
                continue
            x = float(v)
            bad = ((col in NON_NEGATIVE and x < 0) or (col == "quantity" and x <= 0) or (col == "rate" and x <= 0)
                   or (col == "default_probability" and not 0 <= x <= 1)
                   or (col == "score" and (x != int(x) or not (1 <= x <= 5 if table == "csat_responses" else 0 <= x <= 10))))
            if bad:
                found.append(("out_of_range", col))
        elif col == "currency" and v.strip().upper() not in fx:
            found.append(("missing_fx_rate", col))
    if table == "opportunities" and row["close_date"]:
        close, created = parse_date(row["close_date"]), parse_ts(row["created_at"])
        if close and created and close < created.date():
            found.append(("close_before_create", "close_date"))
    return found


def violations(out: Path) -> dict[tuple[str, int], list[tuple[str, str]]]:
    """(table, 1-based data row) -> every rule the row breaks, parents checked before children."""
    data = {t: read(out, t)[1] for t in CONTRACT}
    fx = {r["from_currency"] for r in data["fx_rates"]} | {r["to_currency"] for r in data["fx_rates"]}
    found: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    keys: dict[str, set[str]] = {}
    for table, rows in data.items():
        pk = COMPOSITE_PK.get(table, (CONTRACT[table][0],))
        seen: set[tuple[str, ...]] = set()
        clean: set[str] = set()
        for n, row in enumerate(rows, 1):
            key = tuple(row[c].strip() for c in pk)
            null = next((c for c in pk if row[c].strip() == ""), None)
            if null:
                found[(table, n)].append(("null_key", null))
            elif key in seen:
                found[(table, n)].append(("duplicate_key", pk[0]))
            seen.add(key)
            found[(table, n)].extend(local_violations(table, row, fx))
            if not found.get((table, n)):
                clean.add(key[0].lower() if table == "pipeline_stages" else key[0])
        keys[table] = clean
    for table, fks in FKS.items():
        for n, row in enumerate(data[table], 1):
            for col, parent in fks:
                v = row[col].strip().lower() if parent == "pipeline_stages" else row[col]
                if v and v not in keys[parent] and ("bad_enum", col) not in found[(table, n)]:
                    found[(table, n)].append(("orphan_foreign_key", col))
    return {k: v for k, v in found.items() if v}


# ---- fixtures ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("small")
    return out, gen.generate(out, scale=0.2, seed=42)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    started = time.perf_counter()
    gen.generate(out, scale=1, seed=42)
    assert time.perf_counter() - started < 30, "a scale-1 run should take seconds"
    return out


def files(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob("*.csv"))


# ---- tests --------------------------------------------------------------------------------
def test_same_seed_gives_identical_files(small, tmp_path):
    out, _ = small
    gen.generate(tmp_path, scale=0.2, seed=42)
    assert files(tmp_path) == files(out)
    match, mismatch, errors = filecmp.cmpfiles(out, tmp_path, files(out), shallow=False)
    assert mismatch == [] and errors == []


def test_other_seed_gives_other_data(small, tmp_path):
    out, _ = small
    gen.generate(tmp_path, scale=0.2, seed=7)
    differing = [f for f in ("accounts.csv", "activities.csv", "opportunities.csv", "fx_rates.csv")
                 if (out / f).read_bytes() != (tmp_path / f).read_bytes()]
    assert len(differing) == 4


def test_every_table_has_the_contract_header_and_counts(small):
    out, counts = small
    assert set(counts) == set(CONTRACT)
    assert files(out) == sorted([f"{t}.csv" for t in CONTRACT] + ["_injected_rejects.csv"])
    for table, columns in CONTRACT.items():
        header, rows = read(out, table)
        assert tuple(header) == columns, table
        assert len(rows) == counts[table] > 0, table
    assert read(out, "_injected_rejects")[0] == ["table_name", "source_row", "reason", "column_name"]


@pytest.mark.parametrize("fixture", ["small", "sample"])
def test_exactly_the_manifest_rows_break_the_contract(fixture, request):
    out = request.getfixturevalue(fixture)
    out = out[0] if isinstance(out, tuple) else out
    expected = manifest(out)
    assert {reason for _, _, reason, _ in expected} == REASONS
    found = violations(out)
    listed = {(t, n): (reason, col) for t, n, reason, col in expected}
    assert set(found) == set(listed), "rows breaking the contract differ from the manifest"
    for key, problems in found.items():
        assert problems == [listed[key]], (key, problems)


def test_bad_rows_are_spread_through_the_files(sample):
    rows_of = {t: len(read(sample, t)[1]) for t in CONTRACT}
    at_end = [(t, n) for t, n, _, _ in manifest(sample) if n == rows_of[t]]
    assert len(at_end) <= 3
    assert len(manifest(sample)) == len(gen.INJECTIONS)


def test_good_rows_are_consistent(sample):
    bad = {(t, n) for t, n, _, _ in manifest(sample)}
    data = {t: [r for n, r in enumerate(read(sample, t)[1], 1) if (t, n) not in bad] for t in CONTRACT}
    low = lambda v: v.strip().lower()  # noqa: E731
    # pipeline stages and commission plans are exactly the reference rows
    assert [(low(r["stage"]), r["stage_order"], r["default_probability"], low(r["is_closed"]), low(r["is_won"]))
            for r in data["pipeline_stages"]] == [
        ("prospecting", "1", "0.1", "false", "false"), ("qualification", "2", "0.2", "false", "false"),
        ("demo", "3", "0.4", "false", "false"), ("proposal", "4", "0.6", "false", "false"),
        ("negotiation", "5", "0.8", "false", "false"), ("closed_won", "6", "1.0", "true", "true"),
        ("closed_lost", "7", "0.0", "true", "false")]
    assert sorted(r["role"].strip().upper() for r in data["commission_plans"]) == ["AE", "AM", "BDR", "MANAGER", "SDR"]
    # opportunity history: starts at created_at, ordered, ends in the current stage (at close_date when closed)
    history = defaultdict(list)
    for r in data["opportunity_stage_history"]:
        history[r["opportunity_id"]].append((parse_ts(r["entered_at"]), low(r["stage"])))
    moved_back = 0
    for opp in data["opportunities"]:
        entries = sorted(history[opp["opportunity_id"]])
        assert entries, opp
        assert entries[0][0] == parse_ts(opp["created_at"])
        assert entries[-1][1] == low(opp["stage"])
        closed = low(opp["stage"]) in ("closed_won", "closed_lost")
        assert closed == bool(opp["close_date"])
        if closed:
            assert entries[-1][0].date().isoformat() == opp["close_date"]
        orders = [STAGE_ORDER.index(stage) for _, stage in entries]
        moved_back += any(b < a for a, b in zip(orders, orders[1:]))
    assert moved_back > 0
    # social_kind only on social engagements; every type, direction, outcome is used
    acts = data["activities"]
    assert all(bool(a["social_kind"]) == (low(a["activity_type"]) == "social_engagement") for a in acts)
    for col in ("activity_type", "direction", "outcome", "social_kind"):
        assert {low(a[col]) for a in acts if a[col]} == ENUMS[("activities", col)], col
    # subscriptions: plan changes chain one row's end to the next row's start
    subs = data["subscriptions"]
    starts = {(s["account_id"], s["started_on"]) for s in subs}
    assert any((s["account_id"], s["ended_on"]) in starts for s in subs if s["ended_on"])
    assert any(s["ended_on"] == "" for s in subs)
    # fx: every ordered pair on every rate date, and inverse rates roughly inverse
    by_date = defaultdict(dict)
    for r in data["fx_rates"]:
        by_date[r["rate_date"]][(r["from_currency"], r["to_currency"])] = float(r["rate"])
    assert all(len(pairs) == 6 for pairs in by_date.values())
    assert min(by_date) < "2024-07-01" and max(by_date) == "2026-06-30"
    for pairs in by_date.values():
        assert abs(pairs[("USD", "EUR")] * pairs[("EUR", "USD")] - 1) < 0.01


def test_calendar_and_sizes(sample):
    """Events lie in 2024-07-01 .. 2026-06-30 and the latest one is on 2026-06-30; sizes are as planned."""
    bad = {(t, n) for t, n, _, _ in manifest(sample)}
    days = set()
    for table in CONTRACT:
        if table in ("fx_rates", "quotas", "forecasts", "sales_reps", "accounts", "contacts", "campaigns"):
            continue
        for n, row in enumerate(read(sample, table)[1], 1):
            if (table, n) in bad:
                continue
            for col, v in row.items():
                if v and (col in TS_COLS or col in DATE_COLS):
                    days.add((parse_ts(v).date() if col in TS_COLS else parse_date(v)).isoformat())
    assert min(days) >= "2024-07-01" and max(days) == "2026-06-30"
    rows = {t: len(read(sample, t)[1]) for t in CONTRACT}
    assert 2600 <= rows["activities"] <= 3800
    assert 250 <= rows["opportunities"] <= 400
    assert 500 <= rows["order_lines"] <= 800
    assert 550 <= rows["leads"] <= 650
    assert rows["pipeline_stages"] == 7 and rows["commission_plans"] == 5 and rows["locations"] == 5


def test_committed_sample_is_the_scale_1_output(sample):
    committed = ROOT / "seeds" / "sample"
    if not committed.exists():
        pytest.skip("seeds/sample not generated yet")
    names = files(sample)
    assert files(committed) == names
    _, mismatch, errors = filecmp.cmpfiles(sample, committed, names, shallow=False)
    assert mismatch == [] and errors == [], "regenerate: python scripts/generate.py --out seeds/sample"


def test_cli_writes_the_same_files(small, tmp_path):
    out, _ = small
    assert gen.main(["--out", str(tmp_path), "--scale", "0.2", "--seed", "42"]) == 0
    _, mismatch, errors = filecmp.cmpfiles(out, tmp_path, files(out), shallow=False)
    assert mismatch == [] and errors == []
