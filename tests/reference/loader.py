"""Reference loader: the raw CSVs of docs/DATA_CONTRACT.md -> `Clean`, in plain pandas.

`load(data_dir, as_of_date=None, currency="USD")` applies the data contract itself (typing,
enum normalisation, the README's reject rules in their order, cascading foreign keys, FX by
the catalog's rule), written from docs/DATA_CONTRACT.md, the README's "Rejected rows" and the
catalog's shared rules. `from_warehouse(duckdb_file)` builds the same shape from a built
warehouse's staging.stg_crm__* tables and intermediate.int_months.

Decisions where the texts are silent (see tests/reference/README.md, "Loader decisions"):
- every raw value is trimmed; an empty value is null (text columns too);
- numbers: plain decimals (optional sign, digits, optional fraction, optional exponent);
  integers: a number with an integral value ("7.0" is 7; "7.5" is unparsable_number, not 8);
- dates: YYYY-MM-DD (a real calendar day); timestamps: ISO-8601 date + optional time
  ('T' or space), optional fraction, optional 'Z' or +hh:mm / -hh:mm / +hhmm / +hh offset,
  nothing between the time and the offset,
  converted to UTC; a date alone is midnight UTC;
- booleans: true / false, case-insensitive after trim;
- dates and timestamps (by their UTC date) outside 1900-01-01..2100-12-31 and integers
  outside int32 are out_of_range (the dbt vars' defaults, DATE_WINDOW / INT32);
- currencies: three letters, upper-cased; anything else is bad_enum;
- a column's "required" / bounds / types are those of the contract table (see SPEC);
- within one rule, columns are checked in contract order (the reported column is the first);
- duplicate_key: the first row of a key in the file keeps it, whatever that row's own fate
  (keys compared after typing and normalisation); later rows of the key that pass the
  earlier rules are duplicate_key;
- social_kind on an activity other than social_engagement is bad_enum, checked with the row
  checks (the contract's "(social_engagement only)", as the staging contract places it);
- a closed opportunity (stage closed_won / closed_lost) without close_date is missing_value,
  checked with the row checks (after duplicate_key, as the base models document);
- foreign keys (contract column order) resolve against the parent's final clean rows; a
  self-reference (manager_id, referred_by_account_id) resolves against the rows of the same
  table that pass the row rules up to the row checks (one level deep: before any FK check);
- FX: a currency's direct rates into the reporting currency; a currency with no direct rate at
  all uses 1 / the reporting currency's rates into it (base_crm__fx_rates_to_reporting's
  documented choice); a row converts at the latest rate on or before its conversion date;
  same currency = 1; none -> missing_fx_rate.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

# ---------------------------------------------------------------------------------------------
# The contract, as written in docs/DATA_CONTRACT.md (types from the conventions and column names)
# ---------------------------------------------------------------------------------------------

ROLES = ["AE", "BDR", "SDR", "AM", "MANAGER"]
OPP_STAGES = ["prospecting", "qualification", "demo", "proposal", "negotiation", "closed_won", "closed_lost"]


@dataclass(frozen=True)
class Col:
    name: str
    type: str = "text"  # text | enum | currency | date | timestamp | number | integer | boolean
    values: tuple[str, ...] = ()
    upper: bool = False
    ref: str | None = None
    required: bool = False
    min: float | None = None
    max: float | None = None
    min_exclusive: float | None = None
    money: bool = False
    optional_column: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    pk: tuple[str, ...]
    columns: tuple[Col, ...]
    fx_date: str | None = None  # column giving the conversion date (catalog's rule)
    row_checks: tuple[str, ...] = ()


def _t(name, pk, cols, fx_date=None, row_checks=()):
    return Table(name, tuple(pk), tuple(cols), fx_date, tuple(row_checks))


def _enum(name, values, **kw):
    return Col(name, "enum", tuple(values), **kw)


SPEC: dict[str, Table] = {t.name: t for t in [
    _t("sales_reps", ["rep_id"], [
        Col("rep_id"), Col("full_name"), Col("email"), _enum("role", ROLES, upper=True, required=True),
        Col("team"), Col("manager_id", ref="sales_reps"), Col("region"), Col("hire_date", "date"),
        Col("termination_date", "date")]),
    _t("quotas", ["rep_id", "period_start"], [
        Col("rep_id", ref="sales_reps"), Col("period_start", "date"), Col("period_end", "date", required=True),
        Col("quota_amount", "number", money=True, required=True, min=0), Col("currency", "currency", required=True)],
       fx_date="period_start", row_checks=["period_end_before_start"]),
    _t("commission_plans", ["role"], [
        _enum("role", ROLES, upper=True), Col("base_rate", "number", required=True, min=0),
        Col("accelerator_threshold_pct", "number", required=True, min=0),
        Col("accelerator_rate", "number", required=True, min=0)]),
    _t("accounts", ["account_id"], [
        Col("account_id"), Col("account_name"), Col("industry"), Col("region"), Col("country"),
        Col("created_at", "timestamp"), Col("owner_rep_id", ref="sales_reps"),
        _enum("acquisition_source", ["inbound", "outbound", "referral", "event", "partner"]),
        Col("referred_by_account_id", ref="accounts")]),
    _t("contacts", ["contact_id"], [
        Col("contact_id"), Col("account_id", ref="accounts"), Col("full_name"), Col("email"), Col("phone"),
        Col("job_title"), Col("created_at", "timestamp")]),
    _t("campaigns", ["campaign_id"], [
        Col("campaign_id"), Col("campaign_name"),
        _enum("channel", ["email", "paid_search", "paid_social", "organic_social", "event", "webinar", "content",
                          "partner"]),
        Col("start_date", "date", required=True), Col("end_date", "date"), Col("budget", "number", money=True, min=0),
        Col("currency", "currency", required=True)], fx_date="start_date"),
    _t("leads", ["lead_id"], [
        Col("lead_id"), Col("created_at", "timestamp", required=True), Col("full_name"), Col("email"),
        Col("company_name"),
        _enum("source", ["web", "paid", "social", "email", "event", "referral", "outbound", "partner"]),
        _enum("origin", ["marketing", "sales"]), Col("campaign_id", ref="campaigns"),
        Col("owner_rep_id", ref="sales_reps"), Col("converted_account_id", ref="accounts"),
        Col("converted_at", "timestamp")]),
    _t("lead_stage_history", ["lead_id", "stage", "entered_at"], [
        Col("lead_id", ref="leads"),
        _enum("stage", ["lead", "mql", "sql", "opportunity", "customer", "disqualified"]),
        Col("entered_at", "timestamp")]),
    _t("pipeline_stages", ["stage"], [
        _enum("stage", OPP_STAGES), Col("stage_order", "integer", required=True),
        Col("default_probability", "number", required=True, min=0, max=1),
        Col("is_closed", "boolean", required=True), Col("is_won", "boolean", required=True)]),
    _t("opportunities", ["opportunity_id"], [
        Col("opportunity_id"), Col("account_id", ref="accounts"), Col("lead_id", ref="leads"),
        Col("owner_rep_id", ref="sales_reps"), Col("opportunity_name"),
        _enum("deal_type", ["new_business", "upsell", "cross_sell", "renewal"]),
        Col("created_at", "timestamp", required=True), Col("close_date", "date"),
        Col("stage", "stage_ref", ref="pipeline_stages", required=True),
        Col("amount", "number", money=True, min=0), Col("currency", "currency", required=True)],
       fx_date="close_date|created_at", row_checks=["close_before_create"]),
    _t("opportunity_stage_history", ["opportunity_id", "entered_at"], [
        Col("opportunity_id", ref="opportunities"), Col("stage", "stage_ref", ref="pipeline_stages", required=True),
        Col("entered_at", "timestamp")]),
    _t("activities", ["activity_id"], [
        Col("activity_id"),
        _enum("activity_type", ["call", "email", "meeting", "video_meeting", "demo", "follow_up", "networking_event",
                                "social_engagement"], required=True),
        _enum("direction", ["outbound", "inbound"]), Col("rep_id", ref="sales_reps"), Col("lead_id", ref="leads"),
        Col("contact_id", ref="contacts"), Col("account_id", ref="accounts"),
        Col("opportunity_id", ref="opportunities"), Col("occurred_at", "timestamp", required=True),
        Col("duration_minutes", "number", min=0),
        _enum("outcome", ["positive_reply", "negative_reply", "meeting_booked", "completed", "no_show", "no_answer",
                          "none"]),
        _enum("social_kind", ["like", "comment", "share", "direct_message"])],
       row_checks=["social_kind_only_on_social"]),
    _t("quotes", ["quote_id"], [
        Col("quote_id"), Col("opportunity_id", ref="opportunities"), Col("account_id", ref="accounts"),
        Col("rep_id", ref="sales_reps"), Col("sent_at", "timestamp", required=True),
        Col("amount", "number", money=True, min=0), Col("currency", "currency", required=True),
        _enum("status", ["sent", "accepted", "rejected", "expired"])], fx_date="sent_at"),
    _t("invoices", ["invoice_id"], [
        Col("invoice_id"), Col("account_id", ref="accounts"), Col("quote_id", ref="quotes"),
        Col("order_id", ref="orders"), Col("issued_at", "timestamp", required=True),
        Col("amount", "number", money=True, min=0), Col("currency", "currency", required=True),
        _enum("status", ["issued", "paid", "void"])], fx_date="issued_at"),
    _t("locations", ["location_id"], [
        Col("location_id"), Col("location_name"), _enum("location_type", ["store", "online", "field"]),
        Col("region"), Col("country")]),
    _t("products", ["product_id"], [
        Col("product_id"), Col("product_name"), Col("category"), Col("list_price", "number", min=0),
        Col("unit_cost", "number", min=0), Col("currency", "currency", required=True),
        Col("is_subscription", "boolean")]),
    _t("orders", ["order_id"], [
        Col("order_id"), Col("account_id", ref="accounts"), Col("opportunity_id", ref="opportunities"),
        Col("rep_id", ref="sales_reps"), Col("location_id", ref="locations"),
        Col("ordered_at", "timestamp", required=True),
        _enum("status", ["completed", "cancelled", "refunded"], required=True),
        Col("currency", "currency", required=True)], fx_date="ordered_at"),
    _t("order_lines", ["order_id", "line_number"], [
        Col("order_id", ref="orders"), Col("line_number", "integer"),
        Col("product_id", ref="products", required=True),
        Col("quantity", "number", required=True, min_exclusive=0), Col("unit_price", "number", required=True, min=0),
        Col("discount_amount", "number", min=0, optional_column=True)]),
    _t("competitor_prices", ["product_id", "competitor_name", "observed_on"], [
        Col("product_id", ref="products"), Col("competitor_name"), Col("observed_on", "date"),
        Col("price", "number", money=True, required=True, min=0), Col("currency", "currency", required=True)],
       fx_date="observed_on"),
    _t("subscriptions", ["subscription_id"], [
        Col("subscription_id"), Col("account_id", ref="accounts", required=True), Col("product_id", ref="products"),
        Col("started_on", "date", required=True), Col("ended_on", "date"),
        Col("mrr_amount", "number", money=True, required=True, min=0), Col("currency", "currency", required=True)],
       fx_date="started_on", row_checks=["ended_before_started"]),
    _t("platform_usage", ["account_id", "usage_date"], [
        Col("account_id", ref="accounts"), Col("usage_date", "date"), Col("active_minutes", "number", min=0)]),
    _t("support_tickets", ["ticket_id"], [
        Col("ticket_id"), Col("account_id", ref="accounts"), Col("contact_id", ref="contacts"),
        _enum("channel", ["phone", "email", "chat"]), _enum("ticket_type", ["inquiry", "issue"]),
        Col("opened_at", "timestamp", required=True), Col("first_response_at", "timestamp"),
        Col("resolved_at", "timestamp")]),
    _t("nps_responses", ["response_id"], [
        Col("response_id"), Col("account_id", ref="accounts"), Col("contact_id", ref="contacts"),
        Col("responded_at", "timestamp", required=True), Col("score", "integer", required=True, min=0, max=10)]),
    _t("csat_responses", ["response_id"], [
        Col("response_id"), Col("account_id", ref="accounts"), Col("ticket_id", ref="support_tickets"),
        Col("responded_at", "timestamp", required=True), Col("score", "integer", required=True, min=1, max=5)]),
    _t("employee_surveys", ["response_id"], [
        Col("response_id"), Col("rep_id", ref="sales_reps"), Col("responded_at", "timestamp", required=True),
        Col("score", "integer", required=True, min=0, max=10)]),
    _t("forecasts", ["rep_id", "period_start"], [
        Col("rep_id", ref="sales_reps"), Col("period_start", "date"), Col("period_end", "date", required=True),
        Col("forecast_amount", "number", money=True, required=True, min=0),
        Col("currency", "currency", required=True), Col("submitted_at", "timestamp")],
       fx_date="period_start", row_checks=["period_end_before_start"]),
    _t("sales_marketing_expenses", ["expense_id"], [
        Col("expense_id"), Col("expense_month", "date", required=True),
        _enum("category", ["advertising", "campaign", "content", "events", "tools", "sales_salaries",
                           "marketing_salaries", "commissions", "other"], required=True),
        Col("campaign_id", ref="campaigns"), Col("amount", "number", money=True, required=True, min=0),
        Col("currency", "currency", required=True)], fx_date="expense_month"),
    _t("fx_rates", ["rate_date", "from_currency", "to_currency"], [
        Col("rate_date", "date"), Col("from_currency", "currency"), Col("to_currency", "currency"),
        Col("rate", "number", required=True, min_exclusive=0)]),
]}

# parents before children (fx_rates first: the FX check needs the clean rates)
LOAD_ORDER = [
    "fx_rates", "sales_reps", "quotas", "commission_plans", "accounts", "contacts", "campaigns", "leads",
    "lead_stage_history", "pipeline_stages", "opportunities", "opportunity_stage_history", "activities",
    "quotes", "locations", "products", "orders", "invoices", "order_lines", "competitor_prices",
    "subscriptions", "platform_usage", "support_tickets", "nps_responses", "csat_responses",
    "employee_surveys", "forecasts", "sales_marketing_expenses",
]
TABLES = list(SPEC)

# event columns of the catalog's as-of rule
EVENT_COLUMNS = [
    ("orders", "ordered_at"), ("activities", "occurred_at"), ("leads", "created_at"), ("leads", "converted_at"),
    ("opportunities", "created_at"), ("opportunities", "close_date"), ("lead_stage_history", "entered_at"),
    ("opportunity_stage_history", "entered_at"), ("quotes", "sent_at"), ("invoices", "issued_at"),
    ("support_tickets", "opened_at"), ("support_tickets", "first_response_at"), ("support_tickets", "resolved_at"),
    ("nps_responses", "responded_at"), ("csat_responses", "responded_at"), ("employee_surveys", "responded_at"),
    ("subscriptions", "started_on"), ("subscriptions", "ended_on"), ("platform_usage", "usage_date"),
    ("competitor_prices", "observed_on"), ("sales_marketing_expenses", "expense_month"),
    ("forecasts", "submitted_at"),
]


# ---------------------------------------------------------------------------------------------
# Clean
# ---------------------------------------------------------------------------------------------

@dataclass
class Clean:
    """One DataFrame attribute per contract table (clean rows, typed), plus as_of_date, months,
    reporting_currency and rejects (table, source_row, reason, column)."""
    frames: dict[str, pd.DataFrame]
    as_of_date: pd.Timestamp
    months: list[pd.Timestamp]
    reporting_currency: str = "USD"
    rejects: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["table", "source_row", "reason",
                                                                                "column"]))

    def __getattr__(self, name: str) -> pd.DataFrame:
        frames = self.__dict__.get("frames", {})
        if name in frames:
            return frames[name]
        raise AttributeError(name)

    def __dir__(self):
        return [*super().__dir__(), *self.frames]


# ---------------------------------------------------------------------------------------------
# Parsing one raw text value
# ---------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?"
    r"(Z|[+-]\d{2}(?::?\d{2})?)?$")
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")


# The valid date window (dbt vars valid_date_min / valid_date_max, both inclusive) and the
# int32 range of integer columns: a value outside is out_of_range.
DATE_WINDOW = (pd.Timestamp(1900, 1, 1), pd.Timestamp(2100, 12, 31))
INT32 = (-2 ** 31, 2 ** 31 - 1)
# A real calendar date beyond pandas' Timestamp range (1677..2262): parsed, but out of the window.
OUT_OF_WINDOW = object()


def _calendar_date_or_none(year: int, month: int, day: int) -> object | None:
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return OUT_OF_WINDOW


def _parse_date(text: str) -> pd.Timestamp | None:
    m = _DATE.match(text)
    if not m:
        return None
    try:
        return pd.Timestamp(int(m[1]), int(m[2]), int(m[3]))
    except pd.errors.OutOfBoundsDatetime:
        return _calendar_date_or_none(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _parse_timestamp(text: str) -> pd.Timestamp | None:
    m = _TIMESTAMP.match(text)
    if not m:
        return None
    year, month, day, hh, mm, ss, frac, tz = m.groups()
    try:
        value = pd.Timestamp(int(year), int(month), int(day), int(hh or 0), int(mm or 0), int(ss or 0))
    except pd.errors.OutOfBoundsDatetime:
        return _calendar_date_or_none(int(year), int(month), int(day))
    except ValueError:
        return None
    if int(hh or 0) > 23 or int(mm or 0) > 59 or int(ss or 0) > 59:
        return None
    if frac:
        value += pd.Timedelta(int(frac[:9].ljust(9, "0")), unit="ns")
    if tz and tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        digits = tz[1:].replace(":", "")
        offset = pd.Timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        value -= sign * offset
    return value


def _parse_number(text: str) -> float | None:
    return float(text) if _NUMBER.match(text) else None


def _parse_integer(text: str) -> float | None:
    """A number with an integral value ('7', '7.0', '1e1'); '7.5' is unparsable."""
    value = _parse_number(text)
    return value if value is not None and float(value).is_integer() else None


def _parse_boolean(text: str) -> bool | None:
    low = text.lower()
    return True if low == "true" else False if low == "false" else None


PARSERS = {"date": (_parse_date, "unparsable_date"), "timestamp": (_parse_timestamp, "unparsable_date"),
           "number": (_parse_number, "unparsable_number"), "integer": (_parse_integer, "unparsable_number"),
           "boolean": (_parse_boolean, "unparsable_boolean")}


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------

def read_raw(data_dir: Path, table: Table) -> pd.DataFrame:
    """The CSV as text: trimmed values, '' -> None, a `_source_row` column (1-based)."""
    path = Path(data_dir) / f"{table.name}.csv"
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    raw.columns = [c.strip() for c in raw.columns]
    out = pd.DataFrame(index=raw.index)
    for col in table.columns:
        if col.name in raw.columns:
            values = [str(v).strip() for v in raw[col.name].tolist()]
            out[col.name] = pd.Series([v if v != "" else None for v in values], index=raw.index, dtype=object)
        elif col.optional_column:
            out[col.name] = pd.Series([None] * len(raw), index=raw.index, dtype=object)
        else:
            raise ValueError(f"{path}: missing required column {col.name!r}")
    out["_source_row"] = np.arange(1, len(raw) + 1)
    return out


class _Rows:
    """Typed values and the first failing rule of each raw row of one table."""

    def __init__(self, table: Table, raw: pd.DataFrame):
        self.table = table
        self.raw = raw
        self.n = len(raw)
        self.reason: list[str | None] = [None] * self.n
        self.column: list[str | None] = [None] * self.n
        self.typed: dict[str, list] = {}

    def reject(self, i: int, reason: str, column: str | None) -> None:
        if self.reason[i] is None:
            self.reason[i] = reason
            self.column[i] = column

    def alive(self) -> list[int]:
        return [i for i in range(self.n) if self.reason[i] is None]


def _check_row_rules(rows: _Rows) -> None:
    """Rules up to out_of_range (per row, in the README's order)."""
    table, raw = rows.table, rows.raw
    cols = {c.name: raw[c.name].tolist() for c in table.columns}
    # null_key
    for i in range(rows.n):
        for k in table.pk:
            if cols[k][i] is None:
                rows.reject(i, "null_key", k)
                break
    # missing_value (required columns; closed opportunities need a close_date)
    for i in rows.alive():
        for c in table.columns:
            if c.required and cols[c.name][i] is None:
                rows.reject(i, "missing_value", c.name)
                break
    # typing: unparsable_date / unparsable_number / unparsable_boolean
    for c in table.columns:
        rows.typed[c.name] = [None] * rows.n
    for i in rows.alive():
        for c in table.columns:
            text = cols[c.name][i]
            if text is None:
                continue
            if c.type in PARSERS:
                parse, reason = PARSERS[c.type]
                value = parse(text)
                if value is None:
                    rows.reject(i, reason, c.name)
                    break
                rows.typed[c.name][i] = value
            else:
                rows.typed[c.name][i] = text
    # bad_enum (enums lower-case, roles upper-case; currencies three letters, upper-case)
    for i in rows.alive():
        for c in table.columns:
            value = rows.typed[c.name][i]
            if value is None:
                continue
            if c.type == "enum":
                norm = value.upper() if c.upper else value.lower()
                if norm not in c.values:
                    rows.reject(i, "bad_enum", c.name)
                    break
                rows.typed[c.name][i] = norm
            elif c.type == "currency":
                if not _CURRENCY.match(value):
                    rows.reject(i, "bad_enum", c.name)
                    break
                rows.typed[c.name][i] = value.upper()
            elif c.type == "stage_ref":
                rows.typed[c.name][i] = value.lower()  # checked as a foreign key to pipeline_stages
    # out_of_range
    for i in rows.alive():
        for c in table.columns:
            value = rows.typed[c.name][i]
            if value is OUT_OF_WINDOW or (c.type in ("date", "timestamp") and value is not None and not (
                    DATE_WINDOW[0] <= value.normalize() <= DATE_WINDOW[1])):
                rows.reject(i, "out_of_range", c.name)
                break
            if (c.type == "integer" and value is not None and not INT32[0] <= value <= INT32[1]) or (
                    c.type == "number" and value is not None and not np.isfinite(value)):
                rows.reject(i, "out_of_range", c.name)
                break
            if value is None or c.type not in ("number", "integer"):
                continue
            if ((c.min is not None and value < c.min) or (c.max is not None and value > c.max)
                    or (c.min_exclusive is not None and value <= c.min_exclusive)):
                rows.reject(i, "out_of_range", c.name)
                break
        if rows.reason[i] is None and table.name == "sales_marketing_expenses":
            month = rows.typed["expense_month"][i]
            if month is not None and month.day != 1:
                rows.reject(i, "out_of_range", "expense_month")


def _typed_key(rows: _Rows, i: int) -> tuple:
    """The row's key after typing and normalisation (None for a null or unparsable part)."""
    key = []
    for name in rows.table.pk:
        col = next(c for c in rows.table.columns if c.name == name)
        text = rows.raw[name].iat[i]
        if text is None:
            key.append(None)
        elif col.type in PARSERS:
            key.append(PARSERS[col.type][0](text))
        elif col.type == "enum":
            key.append(text.upper() if col.upper else text.lower())
        elif col.type == "currency":
            key.append(text.upper())
        elif col.type == "stage_ref":
            key.append(text.lower())
        else:
            key.append(text)
    return tuple(key)


def _check_duplicates(rows: _Rows) -> None:
    """The first row of a key in the file keeps it, whatever that row's own fate; later rows of
    the key that passed the earlier rules are duplicate_key."""
    seen: set[tuple] = set()
    for i in range(rows.n):
        key = _typed_key(rows, i)
        if key in seen:
            rows.reject(i, "duplicate_key", rows.table.pk[0])
        else:
            seen.add(key)


def _check_order_rules(rows: _Rows) -> None:
    t = rows.typed
    for i in rows.alive():
        for check in rows.table.row_checks:
            if check == "close_before_create":
                close, created = t["close_date"][i], t["created_at"][i]
                if close is not None and created is not None and close < created.normalize():
                    rows.reject(i, "close_before_create", "close_date")
                elif close is None and t["stage"][i] in ("closed_won", "closed_lost"):
                    rows.reject(i, "missing_value", "close_date")
            elif check == "social_kind_only_on_social":
                if t["social_kind"][i] is not None and t["activity_type"][i] != "social_engagement":
                    rows.reject(i, "bad_enum", "social_kind")
            elif check == "period_end_before_start":
                if t["period_end"][i] is not None and t["period_start"][i] is not None \
                        and t["period_end"][i] < t["period_start"][i]:
                    rows.reject(i, "end_before_start", "period_end")
            elif check == "ended_before_started":
                if t["ended_on"][i] is not None and t["started_on"][i] is not None \
                        and t["ended_on"][i] < t["started_on"][i]:
                    rows.reject(i, "end_before_start", "ended_on")


def _check_foreign_keys(rows: _Rows, clean_keys: dict[str, set]) -> None:
    """Each foreign key column in contract order; a self-reference resolves against the rows of
    the same table that pass the row rules (one level deep: before any foreign key check)."""
    table = rows.table
    candidates = {rows.typed[table.pk[0]][i] for i in rows.alive()}
    for i in rows.alive():
        for c in table.columns:
            if not c.ref:
                continue
            parents = candidates if c.ref == table.name else clean_keys[c.ref]
            value = rows.typed[c.name][i]
            if value is not None and value not in parents:
                rows.reject(i, "orphan_foreign_key", c.name)
                break


def fx_to_reporting(fx: pd.DataFrame, reporting: str) -> pd.DataFrame:
    """The rates into the reporting currency: a currency's direct rates (currency -> reporting);
    a currency with no direct rate at all uses 1 / the reporting currency's rates into it
    (the documented choice of base_crm__fx_rates_to_reporting). Columns: currency, rate_date, rate."""
    direct = fx[(fx["to_currency"] == reporting) & (fx["from_currency"] != reporting)]
    direct = direct.rename(columns={"from_currency": "currency"})[["currency", "rate_date", "rate"]]
    reverse = fx[(fx["from_currency"] == reporting) & (fx["to_currency"] != reporting)
                 & ~fx["to_currency"].isin(set(direct["currency"]))]
    reverse = reverse.rename(columns={"to_currency": "currency"})[["currency", "rate_date", "rate"]].copy()
    reverse["rate"] = 1.0 / reverse["rate"].astype(float)
    both = pd.concat([direct, reverse], ignore_index=True).astype({"rate": float})
    return both.sort_values(["currency", "rate_date"]).reset_index(drop=True)


def lookup_rates(rates: pd.DataFrame, reporting: str, currency: list, day: list) -> list[float | None]:
    """Latest rate on or before `day` for each (currency, day); 1 for the reporting currency."""
    by_cur = {cur: (g["rate_date"].to_numpy(dtype="datetime64[ns]"), g["rate"].to_numpy(dtype=float))
              for cur, g in rates.sort_values("rate_date").groupby("currency")}
    out: list[float | None] = []
    for cur, d in zip(currency, day):
        if cur is None or d is None or pd.isna(d):
            out.append(None)
        elif cur == reporting:
            out.append(1.0)
        elif cur not in by_cur:
            out.append(None)
        else:
            dates, values = by_cur[cur]
            pos = np.searchsorted(dates, np.datetime64(pd.Timestamp(d).normalize(), "ns"), side="right") - 1
            out.append(float(values[pos]) if pos >= 0 else None)
    return out


def _conversion_day(rows: _Rows, i: int):
    spec = rows.table.fx_date
    for name in spec.split("|"):
        value = rows.typed[name][i]
        if value is not None:
            return value.normalize()
    return None


def _check_fx(rows: _Rows, rates: pd.DataFrame, reporting: str) -> list[float | None]:
    fx_rate: list[float | None] = [None] * rows.n
    if rows.table.fx_date is None:
        return fx_rate
    alive = rows.alive()
    found = lookup_rates(rates, reporting, [rows.typed["currency"][i] for i in alive],
                         [_conversion_day(rows, i) for i in alive])
    for i, rate in zip(alive, found):
        if rate is None:
            rows.reject(i, "missing_fx_rate", "currency")
        else:
            fx_rate[i] = rate
    return fx_rate


def _frame(rows: _Rows, fx_rate: list) -> pd.DataFrame:
    keep = rows.alive()
    data: dict[str, object] = {}
    for c in rows.table.columns:
        values = [rows.typed[c.name][i] for i in keep]
        if c.type in ("date", "timestamp"):
            data[c.name] = pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), dtype="datetime64[ns]")
        elif c.type in ("number", "integer"):
            data[c.name] = pd.Series(values, dtype=object).astype(float)
        elif c.type == "boolean":
            series = pd.Series(values, dtype=object)
            data[c.name] = series.astype(bool) if c.required else series
        else:
            data[c.name] = pd.Series(values, dtype=object)
    df = pd.DataFrame(data)
    if rows.table.fx_date is not None:
        rate = pd.Series([fx_rate[i] for i in keep], dtype=float)
        for c in rows.table.columns:
            if c.money:
                df[f"{c.name}_reporting"] = df[c.name] * rate
        df["fx_rate"] = rate
    df["_source_row"] = [int(rows.raw["_source_row"].iat[i]) for i in keep]
    return df


def _as_of_and_months(frames: dict[str, pd.DataFrame], as_of_date) -> tuple[pd.Timestamp, list[pd.Timestamp]]:
    dates = []
    for table, column in EVENT_COLUMNS:
        values = frames[table][column].dropna()
        if len(values):
            dates.append(values.dt.normalize().min())
            dates.append(values.dt.normalize().max())
    if as_of_date is not None:
        as_of = pd.Timestamp(as_of_date).normalize()
    else:
        as_of = max(dates) if dates else pd.NaT
    if pd.isna(as_of):
        return as_of, []
    first = min([*dates, as_of])
    months = list(pd.date_range(first.to_period("M").to_timestamp(), as_of.to_period("M").to_timestamp(),
                                freq="MS"))
    return as_of, months


def load(data_dir, as_of_date=None, currency: str = "USD") -> Clean:
    """Read the raw CSVs of `data_dir` and apply the data contract (see the module docstring)."""
    data_dir = Path(data_dir)
    reporting = currency.strip().upper()
    frames: dict[str, pd.DataFrame] = {}
    clean_keys: dict[str, set] = {}
    rejects: list[dict] = []
    rates = pd.DataFrame(columns=["currency", "rate_date", "rate"])
    for name in LOAD_ORDER:
        table = SPEC[name]
        rows = _Rows(table, read_raw(data_dir, table))
        _check_row_rules(rows)
        _check_duplicates(rows)
        _check_order_rules(rows)
        _check_foreign_keys(rows, clean_keys)
        fx_rate = _check_fx(rows, rates, reporting)
        frame = _frame(rows, fx_rate)
        if name == "fx_rates":
            rates = fx_to_reporting(frame, reporting)
        if name == "pipeline_stages":
            clean_keys[name] = set(frame["stage"])
        elif len(table.pk) == 1:
            clean_keys[name] = set(frame[table.pk[0]])
        for i in range(rows.n):
            if rows.reason[i] is not None:
                rejects.append({"table": name, "source_row": int(rows.raw["_source_row"].iat[i]),
                                "reason": rows.reason[i], "column": rows.column[i]})
        frames[name] = frame
    _add_order_line_money(frames)
    as_of, months = _as_of_and_months(frames, as_of_date)
    for name in frames:
        frames[name] = frames[name].drop(columns="_source_row").reset_index(drop=True)
    reject_frame = pd.DataFrame(rejects, columns=["table", "source_row", "reason", "column"])
    return Clean(frames=frames, as_of_date=as_of, months=months, reporting_currency=reporting,
                 rejects=reject_frame.sort_values(["table", "source_row"]).reset_index(drop=True))


def _add_order_line_money(frames: dict[str, pd.DataFrame]) -> None:
    """Order lines are in their order's currency and convert at the order's rate; discount null -> 0."""
    lines = frames["order_lines"]
    orders = frames["orders"][["order_id", "currency", "fx_rate"]]
    lines = lines.merge(orders, on="order_id", how="left")
    lines["discount_amount"] = lines["discount_amount"].fillna(0.0)
    lines["unit_price_reporting"] = lines["unit_price"] * lines["fx_rate"]
    lines["discount_amount_reporting"] = lines["discount_amount"] * lines["fx_rate"]
    frames["order_lines"] = lines


def rejects(data_dir, as_of_date=None, currency: str = "USD") -> pd.DataFrame:
    """(table, source_row, reason, column) of every rejected raw row."""
    return load(data_dir, as_of_date, currency).rejects


# ---------------------------------------------------------------------------------------------
# From a built warehouse
# ---------------------------------------------------------------------------------------------

def from_warehouse(duckdb_file, currency: str | None = None) -> Clean:
    """The same `Clean` from a built warehouse's staging.stg_crm__* tables, intermediate.int_months
    and staging.rejected_rows. The reporting currency is inferred from the FX table unless given."""
    import duckdb

    con = duckdb.connect(str(duckdb_file), read_only=True)
    try:
        frames = {}
        for name in TABLES:
            df = con.sql(f"select * from staging.stg_crm__{name}").df()
            types = dict(con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = 'staging' and table_name = ?", [f"stg_crm__{name}"]).fetchall())
            frames[name] = _normalise_types(df, types)
        months_df = con.sql("select month, as_of_date from intermediate.int_months order by month").df()
        rejected = con.sql("select table_name as \"table\", source_row, reason, column_name as \"column\" "
                           "from staging.rejected_rows order by 1, 2").df()
        if currency is None:
            currency = _infer_reporting_currency(con)
    finally:
        con.close()
    months = [pd.Timestamp(m) for m in months_df["month"]]
    as_of = pd.Timestamp(months_df["as_of_date"].iloc[0]) if len(months_df) else pd.NaT
    rejected["source_row"] = rejected["source_row"].astype(int)
    return Clean(frames=frames, as_of_date=as_of, months=months, reporting_currency=currency, rejects=rejected)


def _normalise_types(df: pd.DataFrame, types: dict[str, str]) -> pd.DataFrame:
    out = pd.DataFrame(index=df.index)
    for col in df.columns:
        t = types.get(col, "").upper()
        s = df[col]
        if t in ("DATE",) or t.startswith("TIMESTAMP"):
            s = pd.to_datetime(s)
            if getattr(s.dt, "tz", None) is not None:
                s = s.dt.tz_convert("UTC").dt.tz_localize(None)
            out[col] = s.astype("datetime64[ns]")
        elif t.startswith("DECIMAL") or t in ("DOUBLE", "FLOAT", "REAL", "INTEGER", "BIGINT", "SMALLINT",
                                              "TINYINT", "HUGEINT"):
            out[col] = pd.to_numeric(s.astype(object), errors="coerce").astype(float)
        elif t == "BOOLEAN":
            out[col] = s.astype(bool) if not s.isna().any() else s.astype(object).where(s.notna(), None)
        else:
            out[col] = s.astype(object).where(s.notna(), None)
    return out


def _infer_reporting_currency(con) -> str:
    """The currency every clean row converts at rate 1 and that has no rate of its own."""
    try:
        has_rate = {r[0] for r in con.sql(
            "select distinct from_currency from staging.base_crm__fx_rates_to_reporting").fetchall()}
        candidates = {r[0] for r in con.sql(
            "select from_currency from staging.stg_crm__fx_rates union select to_currency from "
            "staging.stg_crm__fx_rates union select currency from staging.stg_crm__orders where fx_rate = 1 "
            "union select currency from staging.stg_crm__opportunities where fx_rate = 1").fetchall()}
        remaining = sorted(c for c in candidates - has_rate if c)
        ones = {r[0] for r in con.sql(
            "select distinct currency from staging.stg_crm__orders where fx_rate = 1").fetchall()}
        for c in remaining:
            if c in ones:
                return c
        if len(remaining) == 1:
            return remaining[0]
    except Exception:  # noqa: BLE001 - a warehouse without these tables: fall back
        pass
    return "USD"


# ---------------------------------------------------------------------------------------------
# Comparing two Clean (the loader's against the warehouse's)
# ---------------------------------------------------------------------------------------------

def diff_clean(ours: Clean, theirs: Clean, tol: float = 1e-6, limit: int = 5) -> list[str]:
    """Human-readable differences between two Clean: per table, keys only on one side and
    values that differ (numbers within tol absolute + relative); rejects; as-of date; months."""
    problems: list[str] = []
    if ours.as_of_date != theirs.as_of_date and not (pd.isna(ours.as_of_date) and pd.isna(theirs.as_of_date)):
        problems.append(f"as_of_date: {ours.as_of_date} vs {theirs.as_of_date}")
    if list(ours.months) != list(theirs.months):
        problems.append(f"months: {ours.months[:1]}..{ours.months[-1:]} ({len(ours.months)}) vs "
                        f"{theirs.months[:1]}..{theirs.months[-1:]} ({len(theirs.months)})")
    key = ["table", "source_row", "reason"]
    a = ours.rejects[key].astype({"source_row": int})
    b = theirs.rejects[key].astype({"source_row": int})
    merged = a.merge(b, on=["table", "source_row"], how="outer", suffixes=("_ours", "_theirs"))
    bad = merged[merged["reason_ours"].fillna("-") != merged["reason_theirs"].fillna("-")]
    for row in bad.head(limit * 4).itertuples(index=False):
        problems.append(f"rejects {row.table} row {row.source_row}: ours {row.reason_ours} vs warehouse "
                        f"{row.reason_theirs}")
    for name in TABLES:
        problems += _diff_table(name, ours.frames[name], theirs.frames[name], tol, limit)
    return problems


def _diff_table(name: str, a: pd.DataFrame, b: pd.DataFrame, tol: float, limit: int) -> list[str]:
    problems: list[str] = []
    if set(a.columns) != set(b.columns):
        problems.append(f"{name}: columns only ours {sorted(set(a.columns) - set(b.columns))}, only warehouse "
                        f"{sorted(set(b.columns) - set(a.columns))}")
    pk = list(SPEC[name].pk)
    cols = [c for c in a.columns if c in b.columns and c not in pk]
    m = a.merge(b, on=pk, how="outer", suffixes=("_ours", "_theirs"), indicator=True)
    for side, label in (("left_only", "only ours"), ("right_only", "only warehouse")):
        keys = m.loc[m["_merge"] == side, pk]
        if len(keys):
            problems.append(f"{name}: {len(keys)} keys {label}, e.g. {keys.head(limit).to_dict('records')}")
    both = m[m["_merge"] == "both"]
    for c in cols:
        x, y = both[f"{c}_ours"], both[f"{c}_theirs"]
        if a[c].dtype.kind != b[c].dtype.kind and not (a[c].dtype == object or b[c].dtype == object):
            problems.append(f"{name}.{c}: dtype {a[c].dtype} vs {b[c].dtype}")
        if x.dtype.kind == "f" and y.dtype.kind == "f":
            xv, yv = x.to_numpy(float), y.to_numpy(float)
            ok = (np.isnan(xv) & np.isnan(yv)) | (np.abs(xv - yv) <= tol + tol * np.abs(yv))
        else:
            xs, ys = x.astype(object), y.astype(object)
            ok = ((xs.isna() & ys.isna()) | (xs == ys)).to_numpy(bool)
        if not ok.all():
            rows = both.loc[~ok, [*pk, f"{c}_ours", f"{c}_theirs"]].head(limit)
            problems.append(f"{name}.{c}: {int((~ok).sum())} values differ, e.g. {rows.to_dict('records')}")
    return problems
