"""The row-grain KPIs (sales revenue, win rate, orders, units, deals won...) computed by hand
from the sample CSVs (seeds/sample/*.csv).

Plain Python (csv, datetime, decimal): no DuckDB, no dbt, nothing read from the
warehouse. The rules are the KPI docs' and the data contract's (docs/DATA_CONTRACT.md,
models/marts/revenue/_revenue__models.yml sales_revenue, models/marts/pipeline/
_pipeline__models.yml win_rate), applied to what the sample holds:

- values are trimmed; enums (status, stage, deal_type) are matched case-insensitively;
- a timestamp is ISO-8601 in UTC (`Z`, no offset, or `+hh:mm`), its day the UTC date;
- a row that breaks the contract is rejected, and what references it with it: an
  unparsable date or number, a bad enum, a duplicate key (the first row of a key
  keeps it), a quantity <= 0, a close_date before created_at, an orphan foreign
  key (a line's order or product, an order's account, rep or opportunity, a deal's
  account or rep, an account's owner rep), a missing FX rate;
- FX: amount x the latest rate on or before the day into the reporting currency
  (USD); a currency without any direct rate uses 1 / USD's rate into it; USD is 1;
- sales revenue: lines of completed orders, quantity x unit_price - discount_amount
  (no discount = 0), converted at the order's date (ordered_at, UTC);
- units sold: quantity of the same lines; orders: completed orders counted from the
  orders (one whose lines are all rejected still counts); ordering accounts: distinct
  accounts of those orders in the period;
- win rate: won = stage closed_won, lost = closed_lost, by close_date;
  100 x won / (won + lost); deals won, won amount (amount at the close date's
  rate), average deal size = won amount / won, win/loss ratio = won / lost;
- sales cycle: days from created_at's UTC date to close_date, meaned over the
  deals won (or won and lost) of the period;
- opportunities created: by created_at's UTC date; open in a period: created on
  or before its last day and not closed before its first (still open = open
  through the as-of date); close ratio = 100 x won / open;
- pipeline value: amount (at the close date's rate, else created_at's) of the
  deals open at a month end (created on or before it, not closed by then), at a
  period's last month end;
- quotes: by sent_at's UTC date (an unknown status, opportunity, account or rep,
  a bad amount or a missing FX rate rejects the quote); invoiced when a valid
  invoice other than void (no status is not void) carries its quote_id.

Every order and close date of the sample lies in the KPI months (2024-07 to the
as-of month 2026-06), so no period filter is needed beyond that check.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "seeds" / "sample"
REPORTING_CURRENCY = "USD"
FIRST_MONTH, AS_OF_DATE = date(2024, 7, 1), date(2026, 6, 30)
DEAL_TYPES = {"new_business", "upsell", "cross_sell", "renewal"}
STAGES = {"prospecting", "qualification", "demo", "proposal", "negotiation", "closed_won", "closed_lost"}
ORDER_STATUSES = {"completed", "cancelled", "refunded"}
QUOTE_STATUSES = {"sent", "accepted", "rejected", "expired"}
INVOICE_STATUSES = {"issued", "paid", "void"}


def read(table: str, data_dir: Path = SAMPLE_DIR) -> list[dict[str, str | None]]:
    """The rows of <table>.csv, values trimmed, '' as None."""
    with (data_dir / f"{table}.csv").open(newline="", encoding="utf-8") as handle:
        return [{key: (value.strip() or None) for key, value in row.items()} for row in csv.DictReader(handle)]


def utc_moment(value: str | None) -> datetime | None:
    """An ISO-8601 timestamp as a naive UTC datetime (no offset = UTC); None when unparsable."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def utc_day(value: str | None) -> date | None:
    """UTC date of an ISO-8601 timestamp or date; None when unparsable."""
    moment = utc_moment(value)
    return moment.date() if moment is not None else None


def number(value: str | None) -> Decimal | None:
    """A plain decimal; None when missing or unparsable."""
    if value is None:
        return None
    try:
        parsed = Decimal(value)
    except InvalidOperation:
        return None
    return parsed if parsed.is_finite() else None


class FxRates:
    """Rates into the reporting currency: the latest on or before a day."""

    def __init__(self, rows: list[dict]) -> None:
        direct: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
        reverse: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
        for row in rows:
            day, rate = utc_day(row["rate_date"]), number(row["rate"])
            source, target = (row["from_currency"] or "").upper(), (row["to_currency"] or "").upper()
            if day is None or rate is None or rate <= 0:
                continue
            if target == REPORTING_CURRENCY:
                direct[source].append((day, rate))
            elif source == REPORTING_CURRENCY:
                reverse[target].append((day, 1 / rate))
        self.rates = {**{currency: sorted(rates) for currency, rates in reverse.items()},
                      **{currency: sorted(rates) for currency, rates in direct.items()}}

    def rate(self, currency: str | None, day: date) -> Decimal | None:
        currency = (currency or "").upper()
        if currency == REPORTING_CURRENCY:
            return Decimal(1)
        earlier = [rate for rate_day, rate in self.rates.get(currency, []) if rate_day <= day]
        return earlier[-1] if earlier else None


@dataclass
class Sample:
    """The clean rows the KPIs need, and the rows rejected on the way (table, 1-based data row)."""

    accounts: dict[str, dict] = field(default_factory=dict)
    reps: dict[str, dict] = field(default_factory=dict)
    products: dict[str, dict] = field(default_factory=dict)
    orders: list[dict] = field(default_factory=list)  # completed orders: day, account_id, rep_id, location_id
    lines: list[dict] = field(default_factory=list)  # completed order lines: day, revenue, account_id, ...
    deals: list[dict] = field(default_factory=list)  # closed deals: day, won, account_id, rep_id, deal_type
    opportunities: list[dict] = field(default_factory=list)  # every deal: created, closed (or None), ...
    quotes: list[dict] = field(default_factory=list)  # quotes: day, invoiced, rep_id, account_id
    rejected: set[tuple[str, int]] = field(default_factory=set)


def load(data_dir: Path = SAMPLE_DIR) -> Sample:
    sample = Sample()
    fx = FxRates(read("fx_rates", data_dir))

    for number_, row in enumerate(read("sales_reps", data_dir), start=1):
        dates_ok = utc_day(row["hire_date"]) is not None and (
            row["termination_date"] is None or utc_day(row["termination_date"]) is not None)
        if not dates_ok:
            sample.rejected.add(("sales_reps", number_))
            continue
        sample.reps.setdefault(row["rep_id"], row)

    for number_, row in enumerate(read("accounts", data_dir), start=1):
        if row["owner_rep_id"] is not None and row["owner_rep_id"] not in sample.reps:
            sample.rejected.add(("accounts", number_))
            continue
        sample.accounts.setdefault(row["account_id"], row)

    for number_, row in enumerate(read("products", data_dir), start=1):
        if (row["is_subscription"] or "").lower() not in ("true", "false"):
            sample.rejected.add(("products", number_))
            continue
        sample.products.setdefault(row["product_id"], row)

    deals: dict[str, dict] = {}
    seen_deals: set[str] = set()
    for number_, row in enumerate(read("opportunities", data_dir), start=1):
        duplicate = row["opportunity_id"] in seen_deals
        seen_deals.add(row["opportunity_id"])
        created, closed = utc_day(row["created_at"]), utc_day(row["close_date"])
        amount = number(row["amount"])
        stage, deal_type = (row["stage"] or "").lower(), (row["deal_type"] or "").lower()
        if (duplicate or created is None or amount is None or stage not in STAGES or deal_type not in DEAL_TYPES
                or (row["close_date"] is not None and (closed is None or closed < created))
                or (row["account_id"] is not None and row["account_id"] not in sample.accounts)
                or (row["owner_rep_id"] is not None and row["owner_rep_id"] not in sample.reps)
                or fx.rate(row["currency"], closed or created) is None):
            sample.rejected.add(("opportunities", number_))
            continue
        deals[row["opportunity_id"]] = row
        is_closed = stage in ("closed_won", "closed_lost")
        sample.opportunities.append({"day": created, "closed": closed if is_closed else None,
                                     "won": stage == "closed_won", "account_id": row["account_id"],
                                     "rep_id": row["owner_rep_id"], "deal_type": deal_type,
                                     "amount": amount * fx.rate(row["currency"], closed or created)})
        if is_closed:
            sample.deals.append({"day": closed, "won": stage == "closed_won", "account_id": row["account_id"],
                                 "rep_id": row["owner_rep_id"], "deal_type": deal_type,
                                 "amount": amount * fx.rate(row["currency"], closed),
                                 "cycle_days": (closed - created).days})

    orders: dict[str, dict] = {}
    seen_orders: set[str] = set()
    for number_, row in enumerate(read("orders", data_dir), start=1):
        day = utc_day(row["ordered_at"])
        status = (row["status"] or "").lower()
        duplicate = row["order_id"] in seen_orders
        seen_orders.add(row["order_id"])
        if (day is None or status not in ORDER_STATUSES or duplicate
                or (row["account_id"] is not None and row["account_id"] not in sample.accounts)
                or (row["rep_id"] is not None and row["rep_id"] not in sample.reps)
                or (row["opportunity_id"] is not None and row["opportunity_id"] not in deals)
                or fx.rate(row["currency"], day) is None):
            sample.rejected.add(("orders", number_))
            continue
        orders[row["order_id"]] = {**row, "day": day, "status": status, "fx_rate": fx.rate(row["currency"], day)}
        if status == "completed":
            sample.orders.append(orders[row["order_id"]])

    seen_lines: set[tuple] = set()
    for number_, row in enumerate(read("order_lines", data_dir), start=1):
        key = (row["order_id"], row["line_number"])
        duplicate = key in seen_lines
        seen_lines.add(key)
        quantity, unit_price = number(row["quantity"]), number(row["unit_price"])
        discount = number(row["discount_amount"]) if row["discount_amount"] is not None else Decimal(0)
        order = orders.get(row["order_id"])
        if (duplicate or quantity is None or unit_price is None or discount is None or quantity <= 0
                or unit_price < 0 or discount < 0 or row["product_id"] not in sample.products or order is None):
            sample.rejected.add(("order_lines", number_))
            continue
        if order["status"] != "completed":
            continue
        sample.lines.append({
            "day": order["day"], "account_id": order["account_id"], "rep_id": order["rep_id"],
            "product_id": row["product_id"],
            "revenue": (quantity * unit_price - discount) * order["fx_rate"], "units": quantity,
        })

    quotes: dict[str, dict] = {}
    seen_quotes: set[str] = set()
    for number_, row in enumerate(read("quotes", data_dir), start=1):
        day, amount = utc_day(row["sent_at"]), number(row["amount"])
        duplicate = row["quote_id"] in seen_quotes
        seen_quotes.add(row["quote_id"])
        if (duplicate or day is None or amount is None or amount < 0
                or (row["status"] is not None and row["status"].lower() not in QUOTE_STATUSES)
                or (row["opportunity_id"] is not None and row["opportunity_id"] not in deals)
                or (row["account_id"] is not None and row["account_id"] not in sample.accounts)
                or (row["rep_id"] is not None and row["rep_id"] not in sample.reps)
                or fx.rate(row["currency"], day) is None):
            sample.rejected.add(("quotes", number_))
            continue
        quotes[row["quote_id"]] = {"day": day, "invoiced": False, "rep_id": row["rep_id"],
                                   "account_id": row["account_id"]}
    seen_invoices: set[str] = set()
    for number_, row in enumerate(read("invoices", data_dir), start=1):
        day, amount = utc_day(row["issued_at"]), number(row["amount"])
        status = (row["status"] or "").lower() or None
        duplicate = row["invoice_id"] in seen_invoices
        seen_invoices.add(row["invoice_id"])
        if (duplicate or day is None or amount is None or amount < 0
                or (status is not None and status not in INVOICE_STATUSES)
                or (row["quote_id"] is not None and row["quote_id"] not in quotes)
                or (row["order_id"] is not None and row["order_id"] not in orders)
                or (row["account_id"] is not None and row["account_id"] not in sample.accounts)
                or fx.rate(row["currency"], day) is None):
            sample.rejected.add(("invoices", number_))
            continue
        if row["quote_id"] is not None and status != "void":
            quotes[row["quote_id"]]["invoiced"] = True
    sample.quotes = list(quotes.values())

    for what in (sample.orders, sample.lines, sample.deals, sample.quotes):
        assert all(FIRST_MONTH <= row["day"] <= AS_OF_DATE for row in what), "an event outside the KPI months"
    return sample


def quarter(day: date) -> str:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1).isoformat()


def year(day: date) -> str:
    return date(day.year, 1, 1).isoformat()


def week(day: date) -> str:
    """The Monday starting the ISO week of the day."""
    return (day - timedelta(days=day.weekday())).isoformat()


def sales_revenue(sample: Sample, *keys) -> dict[tuple, float]:
    """Revenue summed per key tuple (each key a function of a line)."""
    totals: dict[tuple, Decimal] = defaultdict(Decimal)
    for line in sample.lines:
        totals[tuple(key(line) for key in keys)] += line["revenue"]
    return {key: float(value) for key, value in totals.items()}


def win_rate(sample: Sample, *keys) -> dict[tuple, float]:
    """100 x won / closed per key tuple (each key a function of a deal)."""
    won: dict[tuple, int] = defaultdict(int)
    closed: dict[tuple, int] = defaultdict(int)
    for deal in sample.deals:
        key = tuple(key(deal) for key in keys)
        closed[key] += 1
        won[key] += deal["won"]
    return {key: 100.0 * won[key] / closed[key] for key in closed}


def fiscal_quarter(day: date, start_month: int) -> str:
    """'FY<year>-Q<n>' of a fiscal year starting in start_month, named after the calendar year it ends in."""
    months_in = (day.month - start_month) % 12  # months since the fiscal year began
    ends_in = day.year + (1 if start_month > 1 and day.month >= start_month else 0)
    return f"FY{ends_in}-Q{months_in // 3 + 1}"


def total(rows: list[dict], value, *keys) -> dict[tuple, float]:
    """value(row) summed per key tuple (each key a function of a row)."""
    totals: dict[tuple, Decimal] = defaultdict(Decimal)
    for row in rows:
        totals[tuple(key(row) for key in keys)] += Decimal(value(row))
    return {key: float(amount) for key, amount in totals.items()}


def ratio(numerators: dict[tuple, float], denominators: dict[tuple, float], scale: float = 1.0) -> dict[tuple, float]:
    """scale x numerator / denominator per key where the denominator is not 0."""
    return {key: scale * numerators.get(key, 0.0) / den for key, den in denominators.items() if den}


def distinct(rows: list[dict], value, *keys) -> dict[tuple, float]:
    """Distinct non-null value(row) per key tuple (each key a function of a row)."""
    seen: dict[tuple, set] = defaultdict(set)
    for row in rows:
        seen[tuple(key(row) for key in keys)].add(value(row))
    return {key: float(len(values - {None})) for key, values in seen.items()}


def open_periods(opportunity: dict, period) -> set:
    """The periods (period(day) of each day) in which a deal is open: from its creation day (or the
    first KPI day) through its close day, or through the as-of date while open."""
    day = max(opportunity["day"], FIRST_MONTH)
    last = opportunity["closed"] or AS_OF_DATE
    periods = set()
    while day <= last:
        periods.add(period(day))
        day += timedelta(days=1)
    return periods


def months() -> list[date]:
    """The first days of the KPI months, FIRST_MONTH through the as-of month."""
    result, month = [], FIRST_MONTH
    while month <= AS_OF_DATE:
        result.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return result


def month_end(month: date) -> date:
    """The last day of the month of any of its days."""
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - timedelta(days=1)
