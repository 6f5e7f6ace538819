"""The as-of date means "as known on that day" (issue #19 item 3).

Metamorphic check: the sample built with a mid-period `--as-of-date`, and a copy of the
sample with rows dated after that date added to many tables (an order in the as-of month
and one in the next, activities, stage entries, a new opportunity, a lead, surveys, a
ticket, an invoice, a quote, a subscription, an account, usage, a competitor price, a
forecast, an expense, a rep) and existing rows changed by events after that date (an open
deal that closes after it, a subscription that ends after it, a lead that converts after
it, a rep who leaves after it): built with the same as-of date, every KPI's headline is
identical (`pipeline.py diff --tolerance 0`).

Plus one value computed by hand from the sample's CSV files: the revenue of the as-of
month counts only the completed orders placed on or before the as-of date.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SAMPLE_DIR, build, query, run_pipeline

pytestmark = pytest.mark.slow

AS_OF = date(2025, 11, 14)  # a Friday in the middle of the sample's two years


def day(offset: int) -> str:
    return (AS_OF + timedelta(days=offset)).isoformat()


def at(offset: int, time: str = "10:00:00") -> str:
    return f"{day(offset)}T{time}Z"


# Rows dated after AS_OF, per table (columns not given are empty).
ADDED_ROWS: dict[str, list[dict[str, str]]] = {
    "orders": [
        # the as-of month, the day after: must not count in November's revenue
        {"order_id": "ORDX0001", "account_id": "A00001", "rep_id": "R0006", "location_id": "LOC03",
         "ordered_at": at(1), "status": "completed", "currency": "USD"},
        {"order_id": "ORDX0002", "account_id": "A00009", "rep_id": "R0006", "location_id": "LOC03",
         "ordered_at": at(20), "status": "completed", "currency": "USD"},
    ],
    "order_lines": [
        {"order_id": "ORDX0001", "line_number": "1", "product_id": "P006", "quantity": "5", "unit_price": "1000.00"},
        {"order_id": "ORDX0002", "line_number": "1", "product_id": "P010", "quantity": "3", "unit_price": "200.00"},
    ],
    "activities": [
        {"activity_id": "ACTX00001", "activity_type": "demo", "direction": "outbound", "rep_id": "R0006",
         "account_id": "A00001", "opportunity_id": "OPP00034", "occurred_at": at(1), "duration_minutes": "45",
         "outcome": "completed"},
        {"activity_id": "ACTX00002", "activity_type": "call", "direction": "outbound", "rep_id": "R0006",
         "lead_id": "L00111", "occurred_at": at(2), "duration_minutes": "10", "outcome": "positive_reply"},
    ],
    "opportunities": [
        {"opportunity_id": "OPPX0001", "account_id": "A00001", "owner_rep_id": "R0006",
         "opportunity_name": "Later deal", "deal_type": "new_business", "created_at": at(1),
         "stage": "prospecting", "amount": "5000.00", "currency": "USD"},
    ],
    "opportunity_stage_history": [
        {"opportunity_id": "OPPX0001", "stage": "prospecting", "entered_at": at(1)},
        # OPP00034 (changed below) closes won after the as-of date
        {"opportunity_id": "OPP00034", "stage": "closed_won", "entered_at": at(3)},
    ],
    "leads": [
        {"lead_id": "LX0001", "created_at": at(1), "full_name": "Later Lead", "email": "later@example.com",
         "company_name": "Later Co", "source": "web", "origin": "marketing", "owner_rep_id": "R0006"},
    ],
    "lead_stage_history": [
        {"lead_id": "LX0001", "stage": "lead", "entered_at": at(1)},
        {"lead_id": "LX0001", "stage": "mql", "entered_at": at(2)},
        {"lead_id": "L00111", "stage": "customer", "entered_at": at(2)},
    ],
    "quotes": [
        {"quote_id": "QX0001", "opportunity_id": "OPP00034", "account_id": "A00001", "rep_id": "R0006",
         "sent_at": at(1), "amount": "5000.00", "currency": "USD", "status": "accepted"},
    ],
    "invoices": [
        {"invoice_id": "INVX0001", "account_id": "A00001", "order_id": "ORDX0001", "issued_at": at(2),
         "amount": "5000.00", "currency": "USD", "status": "paid"},
    ],
    "nps_responses": [
        {"response_id": "NPSX0001", "account_id": "A00009", "contact_id": "C00020", "responded_at": at(1), "score": "0"},
    ],
    "csat_responses": [
        {"response_id": "CSATX0001", "account_id": "A00009", "ticket_id": "T00003", "responded_at": at(1), "score": "1"},
    ],
    "employee_surveys": [
        {"response_id": "ESX0001", "rep_id": "R0015", "responded_at": at(1), "score": "0"},
    ],
    "support_tickets": [
        {"ticket_id": "TX0001", "account_id": "A00005", "contact_id": "C00010", "channel": "email",
         "ticket_type": "inquiry", "opened_at": at(1), "first_response_at": at(1, "20:00:00"),
         "resolved_at": at(3)},
    ],
    "subscriptions": [
        {"subscription_id": "SUBX0001", "account_id": "A00001", "product_id": "P001", "started_on": day(1),
         "mrr_amount": "999.00", "currency": "USD"},
    ],
    "accounts": [
        {"account_id": "AX0001", "account_name": "Later Inc", "industry": "Education", "region": "EMEA",
         "country": "NL", "created_at": at(1), "owner_rep_id": "R0006", "acquisition_source": "referral",
         "referred_by_account_id": "A00001"},
    ],
    "platform_usage": [
        {"account_id": "A00001", "usage_date": day(1), "active_minutes": "999"},
    ],
    "competitor_prices": [
        {"product_id": "P006", "competitor_name": "Later CRM", "observed_on": day(1), "price": "1.00",
         "currency": "USD"},
    ],
    "sales_reps": [
        {"rep_id": "R9001", "full_name": "Later Rep", "email": "later.rep@crm-kpi.example", "role": "AE",
         "team": "Velocity", "region": "NA", "hire_date": day(1)},
    ],
    "forecasts": [
        # a complete quarter's forecast, but submitted after the as-of date
        {"rep_id": "R0017", "period_start": "2025-07-01", "period_end": "2025-09-30",
         "forecast_amount": "1.00", "currency": "USD", "submitted_at": at(1)},
    ],
    "sales_marketing_expenses": [
        {"expense_id": "EXPX0001", "expense_month": "2025-12-01", "category": "advertising",
         "amount": "10000.00", "currency": "USD"},
    ],
}

# Existing rows changed by an event after AS_OF: (table, key column, key, {column: (old, new)}).
CHANGED_ROWS = [
    # open in the sample (USD, so its reporting amount does not depend on the close date's rate)
    ("opportunities", "opportunity_id", "OPP00034", {"close_date": ("", day(3)), "stage": ("negotiation", "closed_won")}),
    ("subscriptions", "subscription_id", "SUB00007", {"ended_on": ("", day(5))}),
    ("leads", "lead_id", "L00111", {"converted_account_id": ("", "A00001"), "converted_at": ("", at(2))}),
    ("sales_reps", "rep_id", "R0003", {"termination_date": ("", day(10))}),
]


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def add_later_events(directory: Path) -> None:
    for table, added in ADDED_ROWS.items():
        header, rows = read_csv(directory / f"{table}.csv")
        for row in added:
            assert set(row) <= set(header), (table, set(row) - set(header))
        rows += [{column: row.get(column, "") for column in header} for row in added]
        write_csv(directory / f"{table}.csv", header, rows)
    for table, key_column, key, changes in CHANGED_ROWS:
        header, rows = read_csv(directory / f"{table}.csv")
        matches = [row for row in rows if row[key_column] == key]
        assert len(matches) == 1, (table, key)
        for column, (old, new) in changes.items():
            assert matches[0][column].strip().lower() == old, (table, key, column, matches[0][column])
            matches[0][column] = new
        write_csv(directory / f"{table}.csv", header, rows)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(sample, sample with later events), both built with --as-of-date AS_OF."""
    root = tmp_path_factory.mktemp("as_of")
    later_dir = root / "later_data"
    shutil.copytree(SAMPLE_DIR, later_dir)
    add_later_events(later_dir)
    base, later = root / "base" / "crm_kpi.duckdb", root / "later" / "crm_kpi.duckdb"
    # with dbt's unit tests too: they set their own vars, and the as-of date of the run must not reach them
    build(SAMPLE_DIR, base, "--as-of-date", AS_OF.isoformat(), "--unit-tests")
    build(later_dir, later, "--as-of-date", AS_OF.isoformat())
    return base, later


def test_events_after_the_as_of_date_change_no_kpi(builds: tuple[Path, Path]) -> None:
    base, later = builds
    result = run_pipeline("diff", str(base), str(later), "--tolerance", "0")
    assert result.returncode == 0, f"KPIs changed by events after {AS_OF}:\n{result.stdout}\n{result.stderr}"


def test_events_after_the_as_of_date_change_no_semantic_fact(builds: tuple[Path, Path]) -> None:
    """The semantic layer's row-grain facts (schema semantic) hold the same rows in both builds:
    MetricFlow's metrics at any grain see nothing dated after the as-of date either."""
    base, later = builds
    relations = [row[0] for row in query(base, "select table_name from information_schema.tables "
                                               "where table_schema = 'semantic' order by 1")]
    assert len(relations) >= 15
    changed = [name for name in relations
               if sorted(map(repr, query(base, f"select * from semantic.{name}")))
               != sorted(map(repr, query(later, f"select * from semantic.{name}")))]
    assert changed == []


def test_the_later_rows_are_clean_not_rejected(builds: tuple[Path, Path]) -> None:
    """The check above is not vacuous: every added row landed clean (rows after the as-of
    date are valid data, never rejected) and the changed rows carry their change."""
    base, later = builds
    rejected = "select table_name, reason, count(*) from staging.rejected_rows group by all order by all"
    assert query(later, rejected) == query(base, rejected)
    added = sum(len(rows) for rows in ADDED_ROWS.values())
    clean = " union all ".join(f"select count(*) as n from staging.stg_crm__{table}" for table in ADDED_ROWS)
    assert query(later, f"select sum(n) from ({clean})")[0][0] - query(base, f"select sum(n) from ({clean})")[0][0] == added
    assert query(later, "select stage, close_date from staging.stg_crm__opportunities where opportunity_id = 'OPP00034'") \
        == [("closed_won", AS_OF + timedelta(days=3))]
    # ... and as known on the as-of date, OPP00034 is still open in negotiation
    assert query(later, "select stage, close_date from intermediate.int_known__opportunities "
                        "where opportunity_id = 'OPP00034'") == [("negotiation", None)]


def parse_utc(value: str) -> datetime:
    # the sample's orders have no offsets: 'YYYY-MM-DD HH:MM:SS', with 'T', with or without 'Z'
    return datetime.fromisoformat(value.strip().removesuffix("Z").replace("T", " "))


def hand_revenue(month_start: date, last_day: date) -> Decimal:
    """Revenue (USD) of the completed orders placed from month_start to last_day, from the
    sample's CSV files: sum of quantity x unit_price - discount_amount per line, converted
    at the latest rate on or before the order date; the rows listed in
    _injected_rejects.csv (and the lines of rejected orders) left out."""
    _, rejects = read_csv(SAMPLE_DIR / "_injected_rejects.csv")
    rejected = {(row["table_name"], int(row["source_row"])) for row in rejects}
    _, orders = read_csv(SAMPLE_DIR / "orders.csv")
    _, lines = read_csv(SAMPLE_DIR / "order_lines.csv")
    _, fx = read_csv(SAMPLE_DIR / "fx_rates.csv")
    rates: dict[str, list[tuple[date, Decimal]]] = {}
    for row in fx:
        if row["to_currency"].strip().upper() == "USD":
            rates.setdefault(row["from_currency"].strip().upper(), []).append(
                (date.fromisoformat(row["rate_date"]), Decimal(row["rate"])))

    def rate(currency: str, on: date) -> Decimal:
        if currency == "USD":
            return Decimal(1)
        return max((d, r) for d, r in rates[currency] if d <= on)[1]

    chosen = {}
    for number, row in enumerate(orders, start=1):
        if ("orders", number) in rejected or row["status"].strip().lower() != "completed":
            continue
        ordered_on = parse_utc(row["ordered_at"]).date()
        if month_start <= ordered_on <= last_day:
            chosen[row["order_id"]] = rate(row["currency"].strip().upper(), ordered_on)
    total = Decimal(0)
    for number, row in enumerate(lines, start=1):
        if ("order_lines", number) in rejected or row["order_id"] not in chosen:
            continue
        net = Decimal(row["quantity"]) * Decimal(row["unit_price"]) - Decimal(row["discount_amount"] or "0")
        total += net * chosen[row["order_id"]]
    return total


def test_revenue_of_the_as_of_month_stops_at_the_as_of_date(builds: tuple[Path, Path]) -> None:
    base, later = builds
    month = AS_OF.replace(day=1)
    known = hand_revenue(month, AS_OF)
    whole_month = hand_revenue(month, date(2025, 11, 30))
    assert whole_month - known > 1000  # the sample has completed orders later in the month
    for database in (base, later):
        [(value,)] = query(database, "select revenue_amount from marts.sales_revenue where month = ?", [month])
        assert abs(Decimal(value) - known) < Decimal("0.01"), (database, value, known, whole_month)
