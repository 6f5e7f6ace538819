"""Hypothesis strategies: SMALL random raw data sets of the data contract (all 28 tables).

`datasets()` draws a `DataSet`: a few reps, accounts, leads, opportunities, orders and
subscriptions over a few months, two or three currencies with gaps in the daily FX rates
(direct and reverse pairs), ties (shared days and times), zero denominators, same-day stage
changes, empty months, mixed-case / padded enums, timestamps with `Z`, without an offset or
with an offset, shuffled and extra columns; with `bad_rows=True` (default) a few rows that
break the contract (null or duplicate keys, bad enums, unparsable values, out-of-range
numbers, orphan foreign keys, close before create, end before start, missing FX rates...).
`DataSet.write(directory)` writes `<table>.csv` files; `as_of_date` (str or None) and
`currency` are the build options to use with it. Two data sets in three have an as-of
date, mostly inside the data's range: rows dated after it (not known yet) are common.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

from .loader import OPP_STAGES, ROLES, SPEC

START = dt.date(2025, 1, 1)
ENUMS = {(t.name, c.name): list(c.values) for t in SPEC.values() for c in t.columns if c.type == "enum"}
STAGE_ORDER = {s: i + 1 for i, s in enumerate(OPP_STAGES)}
PROBABILITY = {"prospecting": 0.1, "qualification": 0.2, "demo": 0.4, "proposal": 0.6, "negotiation": 0.8,
               "closed_won": 1.0, "closed_lost": 0.0}
OPEN_STAGES = OPP_STAGES[:5]


@dataclass
class DataSet:
    tables: dict[str, list[dict[str, str]]]
    as_of_date: str | None = None
    currency: str = "USD"
    bad: list[str] = field(default_factory=list)  # what was broken, for the failure report
    column_order: dict[str, list[str]] = field(default_factory=dict)

    def write(self, directory: Path) -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        for name, table in SPEC.items():
            columns = self.column_order.get(name) or [c.name for c in table.columns]
            with open(directory / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f, lineterminator="\n")
                writer.writerow(columns)
                for row in self.tables[name]:
                    writer.writerow([row.get(c, "") for c in columns])
        return directory

    def build_options(self) -> list[str]:
        options = ["--currency", self.currency]
        if self.as_of_date:
            options += ["--as-of-date", self.as_of_date]
        return options

    def describe(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.tables.items() if v)
        return f"as_of={self.as_of_date} currency={self.currency} bad={self.bad} sizes: {sizes}"


class _G:
    """Small drawing helpers around hypothesis' `draw`."""

    def __init__(self, draw, n_days: int):
        self.draw = draw
        self.n_days = n_days

    def int(self, lo: int, hi: int) -> int:
        return self.draw(st.integers(lo, hi))

    def bool(self) -> bool:
        return self.draw(st.booleans())

    def choice(self, values):
        values = list(values)
        return values[self.draw(st.integers(0, len(values) - 1))]

    def maybe(self, value, blank: str = ""):
        return value if self.bool() else blank

    def day(self, lo: int = 0, hi: int | None = None) -> int:
        hi = self.n_days - 1 if hi is None else hi
        return self.int(lo, max(lo, hi))

    def date(self, day: int) -> str:
        return (START + dt.timedelta(days=day)).isoformat()

    def moment(self, day: int) -> dt.datetime:
        # few hours and minutes: ties happen
        return dt.datetime.combine(START + dt.timedelta(days=day), dt.time(self.choice([0, 9, 13, 23]),
                                                                           self.choice([0, 30])))

    def ts(self, moment: dt.datetime) -> str:
        """A UTC instant written in one of the contract's accepted forms."""
        form = self.int(0, 4)
        if form == 0:
            return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        if form == 1:
            return moment.strftime("%Y-%m-%dT%H:%M:%S")
        if form == 2:
            return moment.strftime("%Y-%m-%d %H:%M:%S")
        hours = self.choice([2, -5, 5])
        local = moment + dt.timedelta(hours=hours)
        sign = "+" if hours >= 0 else "-"
        return local.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{abs(hours):02d}:00"

    def enum(self, value: str) -> str:
        form = self.int(0, 3)
        return value if form < 2 else value.upper() if form == 2 else f" {value.title()} "

    def money(self, zero_ok: bool = True) -> str:
        return self.choice(["0", "100", "250.5", "1000", "99.99"] if zero_ok else ["100", "250.5", "1000", "99.99"])


@st.composite
def datasets(draw, bad_rows: bool = True) -> DataSet:
    n_months = draw(st.integers(2, 5))
    n_days = (dt.date(2025 + (n_months // 12), n_months % 12 + 1, 1) - START).days
    g = _G(draw, n_days)
    currency = g.choice(["USD", "USD", "USD", "EUR"])
    others = ["EUR", "GBP"] if currency == "USD" else ["USD", "GBP"]
    currencies = [currency, others[0]] + ([others[1]] if g.bool() else [])
    t: dict[str, list[dict[str, str]]] = {name: [] for name in SPEC}

    # fx_rates: gaps, direct and reverse pairs, a first rate before the data
    for cur in currencies[1:]:
        t["fx_rates"].append({"rate_date": (START - dt.timedelta(days=3)).isoformat(), "from_currency": cur,
                              "to_currency": currency, "rate": g.choice(["1.1", "0.9", "1.25"])})
        for _ in range(g.int(0, 5)):
            direct = g.bool()
            t["fx_rates"].append({"rate_date": g.date(g.day()), "from_currency": cur if direct else currency,
                                  "to_currency": currency if direct else cur,
                                  "rate": g.choice(["1.05", "0.8", "1.2", "2", "0.5"])})
    if g.bool():  # a rate between the two non-reporting currencies: never used
        t["fx_rates"].append({"rate_date": g.date(0), "from_currency": others[0], "to_currency": others[1],
                              "rate": "0.7"})
    _dedupe(t["fx_rates"], ["rate_date", "from_currency", "to_currency"])

    def cur() -> str:
        return g.choice(currencies[:2]) if g.bool() else currencies[0]

    # reference tables
    for stage in OPP_STAGES:
        t["pipeline_stages"].append({"stage": g.enum(stage), "stage_order": str(STAGE_ORDER[stage]),
                                     "default_probability": str(PROBABILITY[stage]),
                                     "is_closed": g.choice(["true", "TRUE"]) if stage.startswith("closed") else "false",
                                     "is_won": "true" if stage == "closed_won" else g.choice(["false", "False"])})
    for role in ROLES:
        if g.int(0, 4):
            t["commission_plans"].append({"role": g.enum(role), "base_rate": g.choice(["0.05", "0.1"]),
                                          "accelerator_threshold_pct": g.choice(["100", "80", "0"]),
                                          "accelerator_rate": g.choice(["0.15", "0.2"])})

    # reps, quotas, forecasts, surveys
    n_reps = g.int(1, 4)
    reps = [f"R{i}" for i in range(1, n_reps + 1)]
    for i, rep in enumerate(reps):
        hire = g.day(-400, n_days // 2) if g.int(0, 3) else g.day(0, n_days - 1)
        term = g.day(max(hire, 0), n_days - 1) if g.int(0, 3) == 0 else None
        t["sales_reps"].append({"rep_id": rep, "full_name": f"Rep {i}", "email": f"r{i}@x.example",
                                "role": g.enum("MANAGER" if i == 0 else g.choice(ROLES).lower()),
                                "team": "T", "manager_id": "" if i == 0 else g.choice(["R1", ""]),
                                "region": g.choice(["NA", "EU"]), "hire_date": g.date(hire),
                                "termination_date": g.date(term) if term is not None else ""})
    months = [_add_months(START, k) for k in range(n_months)]
    for rep in reps:
        if g.int(0, 3) == 0:
            continue
        quarterly = g.int(0, 3) == 0
        for k in range(0, n_months, 3 if quarterly else 1):
            if g.int(0, 4) == 0:
                continue
            start = months[k]
            end = _add_months(start, 3 if quarterly else 1) - dt.timedelta(days=1)
            c = cur()
            t["quotas"].append({"rep_id": rep, "period_start": start.isoformat(), "period_end": end.isoformat(),
                                "quota_amount": g.choice(["0", "1000", "5000"]), "currency": c})
            if g.bool():
                t["forecasts"].append({"rep_id": rep, "period_start": start.isoformat(),
                                       "period_end": end.isoformat(),
                                       "forecast_amount": g.choice(["0", "800", "1200", "4000"]), "currency": c,
                                       "submitted_at": g.maybe(g.ts(g.moment(max(0, (start - START).days - 1))))})
    for i in range(g.int(0, 3)):
        t["employee_surveys"].append({"response_id": f"E{i}", "rep_id": g.choice(reps),
                                      "responded_at": g.ts(g.moment(g.day())), "score": str(g.int(0, 10))})

    # accounts, contacts, locations, products, campaigns
    n_accounts = g.int(1, 5)
    accounts = [f"A{i}" for i in range(1, n_accounts + 1)]
    for i, acc in enumerate(accounts):
        t["accounts"].append({"account_id": acc, "account_name": f"Acc {i}", "industry": "x", "region": "NA",
                              "country": "US", "created_at": g.ts(g.moment(g.day(0, n_days // 2))),
                              "owner_rep_id": g.maybe(g.choice(reps)),
                              "acquisition_source": g.enum(g.choice(ENUMS[("accounts", "acquisition_source")])),
                              "referred_by_account_id": g.choice(accounts[:i]) if i and g.int(0, 3) == 0 else ""})
    contacts = []
    for acc in accounts:
        for _ in range(g.int(0, 2)):
            cid = f"C{len(contacts) + 1}"
            contacts.append(cid)
            t["contacts"].append({"contact_id": cid, "account_id": acc, "full_name": "c", "email": "c@x",
                                  "phone": "1", "job_title": "j", "created_at": g.ts(g.moment(g.day()))})
    locations = [f"L{i}" for i in range(1, g.int(1, 3) + 1)]
    for loc in locations:
        t["locations"].append({"location_id": loc, "location_name": loc,
                               "location_type": g.enum(g.choice(["store", "online", "field"])),
                               "region": "NA", "country": "US"})
    products = [f"P{i}" for i in range(1, g.int(1, 3) + 1)]
    for i, prod in enumerate(products):
        t["products"].append({"product_id": prod, "product_name": prod, "category": "c",
                              "list_price": g.choice(["10", "49.5", "0"]), "unit_cost": g.maybe(g.choice(["4", "0"])),
                              "currency": cur(), "is_subscription": g.choice(["true", "false", "", "True"])})
    campaigns = [f"K{i}" for i in range(1, g.int(0, 2) + 1)]
    for camp in campaigns:
        t["campaigns"].append({"campaign_id": camp, "campaign_name": camp,
                               "channel": g.enum(g.choice(ENUMS[("campaigns", "channel")])),
                               "start_date": g.date(g.day()), "end_date": g.maybe(g.date(g.day())),
                               "budget": g.maybe(g.money()), "currency": cur()})

    # leads and their lifecycle history
    n_leads = g.int(0, 6)
    leads = [f"D{i}" for i in range(1, n_leads + 1)]
    lead_created: dict[str, dt.datetime] = {}
    for lead in leads:
        created = g.moment(g.day())
        lead_created[lead] = created
        converted = g.choice(accounts) if g.bool() else ""
        conv_at = created + dt.timedelta(days=g.int(0, 40), hours=g.choice([0, 5])) if converted and g.int(0, 3) else None
        t["leads"].append({"lead_id": lead, "created_at": g.ts(created), "full_name": "l", "email": "l@x",
                           "company_name": "co", "source": g.maybe(g.enum(g.choice(ENUMS[("leads", "source")]))),
                           "origin": g.maybe(g.enum(g.choice(["marketing", "sales"]))),
                           "campaign_id": g.choice(campaigns) if campaigns and g.bool() else "",
                           "owner_rep_id": g.maybe(g.choice(reps)), "converted_account_id": converted,
                           "converted_at": g.ts(conv_at) if conv_at else ""})
        at = created
        path = ["lead"] + [s for s in ["mql", "sql", "opportunity", "customer"][:g.int(0, 4)]]
        if g.int(0, 4) == 0:
            path.append("disqualified")
        for stage in path:
            t["lead_stage_history"].append({"lead_id": lead, "stage": g.enum(stage), "entered_at": g.ts(at)})
            at = at + dt.timedelta(days=g.choice([0, 0, 1, 9]), hours=g.choice([0, 1]))

    # opportunities and their stage history
    n_opps = g.int(0, 6)
    opps = [f"O{i}" for i in range(1, n_opps + 1)]
    opp_info: dict[str, tuple[dt.datetime, str | None]] = {}
    for opp in opps:
        created = g.moment(g.day())
        stage = g.choice(OPP_STAGES)
        closed = stage.startswith("closed")
        close_day = (created.date() + dt.timedelta(days=g.choice([0, 0, 3, 20, 45]))) if closed else None
        opp_info[opp] = (created, close_day.isoformat() if close_day else None)
        t["opportunities"].append({
            "opportunity_id": opp, "account_id": g.maybe(g.choice(accounts)),
            "lead_id": g.choice(leads) if leads and g.bool() else "", "owner_rep_id": g.maybe(g.choice(reps)),
            "opportunity_name": opp, "deal_type": g.maybe(g.enum(g.choice(ENUMS[("opportunities", "deal_type")]))),
            "created_at": g.ts(created), "close_date": close_day.isoformat() if close_day else "",
            "stage": g.enum(stage), "amount": g.maybe(g.money()), "currency": cur()})
        # history: a path through open stages ending at the current stage (same-day changes happen)
        path = sorted({g.choice(OPEN_STAGES) for _ in range(g.int(0, 3))}, key=STAGE_ORDER.get)
        if stage in OPEN_STAGES:
            path = [s for s in path if STAGE_ORDER[s] < STAGE_ORDER[stage]] + [stage]
        else:
            path = path + [stage]
        at = created
        end = dt.datetime.combine(close_day, dt.time(23, 30)) if close_day else None
        for k, s in enumerate(path):
            if k == len(path) - 1 and end is not None:
                at = max(at, dt.datetime.combine(close_day, dt.time(0, 0)))
            t["opportunity_stage_history"].append({"opportunity_id": opp, "stage": g.enum(s), "entered_at": g.ts(at)})
            at = at + dt.timedelta(hours=g.choice([1, 5, 30, 200]))
            if end is not None and at > end:
                at = end

    _dedupe(t["opportunity_stage_history"], ["opportunity_id", "entered_at"], instants=True)

    # activities
    for i in range(g.int(0, 15)):
        kind = g.choice(ENUMS[("activities", "activity_type")])
        day = g.day()
        lead = g.choice(leads) if leads and g.int(0, 2) else ""
        t["activities"].append({
            "activity_id": f"X{i}", "activity_type": g.enum(kind),
            "direction": g.maybe(g.enum(g.choice(["outbound", "outbound", "inbound"]))),
            "rep_id": g.maybe(g.choice(reps)), "lead_id": lead,
            "contact_id": g.choice(contacts) if contacts and g.bool() else "",
            "account_id": g.maybe(g.choice(accounts)), "opportunity_id": g.choice(opps) if opps and g.bool() else "",
            "occurred_at": g.ts(g.moment(day)), "duration_minutes": g.maybe(g.choice(["0", "15", "30.5"])),
            "outcome": g.maybe(g.enum(g.choice(ENUMS[("activities", "outcome")]))),
            "social_kind": g.enum(g.choice(ENUMS[("activities", "social_kind")])) if kind == "social_engagement" else ""})

    # quotes, orders, lines, invoices
    quotes = []
    for i in range(g.int(0, 4) if opps else 0):
        opp = g.choice(opps)
        qid = f"Q{i}"
        quotes.append(qid)
        t["quotes"].append({"quote_id": qid, "opportunity_id": opp, "account_id": g.maybe(g.choice(accounts)),
                            "rep_id": g.maybe(g.choice(reps)), "sent_at": g.ts(g.moment(g.day())),
                            "amount": g.maybe(g.money()), "currency": cur(),
                            "status": g.maybe(g.enum(g.choice(ENUMS[("quotes", "status")])))})
    orders = []
    for i in range(g.int(0, 6)):
        oid = f"S{i}"
        orders.append(oid)
        t["orders"].append({"order_id": oid, "account_id": g.maybe(g.choice(accounts)),
                            "opportunity_id": g.choice(opps) if opps and g.bool() else "",
                            "rep_id": g.maybe(g.choice(reps)), "location_id": g.maybe(g.choice(locations)),
                            "ordered_at": g.ts(g.moment(g.day())),
                            "status": g.enum(g.choice(["completed", "completed", "cancelled", "refunded"])),
                            "currency": cur()})
        for line in range(1, g.int(1, 3) + 1):
            t["order_lines"].append({"order_id": oid, "line_number": str(line), "product_id": g.choice(products),
                                     "quantity": g.choice(["1", "2", "0.5", "10"]),
                                     "unit_price": g.choice(["0", "10", "49.5", "100"]),
                                     "discount_amount": g.choice(["", "0", "1.5"])})
    for i in range(g.int(0, 3)):
        t["invoices"].append({"invoice_id": f"I{i}", "account_id": g.maybe(g.choice(accounts)),
                              "quote_id": g.choice(quotes) if quotes and g.bool() else "",
                              "order_id": g.choice(orders) if orders and g.bool() else "",
                              "issued_at": g.ts(g.moment(g.day())), "amount": g.maybe(g.money()), "currency": cur(),
                              "status": g.maybe(g.enum(g.choice(["issued", "paid", "void"])))})
    for i in range(g.int(0, 4)):
        t["competitor_prices"].append({"product_id": g.choice(products), "competitor_name": g.choice(["Acme", "Beta"]),
                                       "observed_on": g.date(g.day()), "price": g.choice(["8", "50", "0"]),
                                       "currency": cur()})
    _dedupe(t["competitor_prices"], ["product_id", "competitor_name", "observed_on"])

    # subscriptions (plan changes: one ends, another starts the same day), usage, support, surveys
    for i in range(g.int(0, 5)):
        acc = g.choice(accounts)
        start = g.day(-20, n_days - 1)
        end = start + g.choice([0, 10, 31, 45, 90]) if g.bool() else None
        t["subscriptions"].append({"subscription_id": f"B{i}", "account_id": acc,
                                   "product_id": g.maybe(g.choice(products)), "started_on": g.date(start),
                                   "ended_on": g.date(end) if end is not None else "",
                                   "mrr_amount": g.money(), "currency": cur()})
        if end is not None and g.int(0, 2) == 0:
            t["subscriptions"].append({"subscription_id": f"B{i}b", "account_id": acc, "product_id": "",
                                       "started_on": g.date(end), "ended_on": "", "mrr_amount": g.money(),
                                       "currency": cur()})
    for _ in range(g.int(0, 5)):
        t["platform_usage"].append({"account_id": g.choice(accounts), "usage_date": g.date(g.day()),
                                    "active_minutes": g.maybe(g.choice(["0", "12", "60.5"]))})
    _dedupe(t["platform_usage"], ["account_id", "usage_date"])
    tickets = []
    for i in range(g.int(0, 4)):
        opened = g.moment(g.day())
        first = opened + dt.timedelta(minutes=g.choice([0, 5, 90, 1500])) if g.int(0, 3) else None
        tickets.append(f"T{i}")
        t["support_tickets"].append({
            "ticket_id": f"T{i}", "account_id": g.maybe(g.choice(accounts)),
            "contact_id": g.choice(contacts) if contacts and g.bool() else "",
            "channel": g.maybe(g.enum(g.choice(["phone", "email", "chat"]))),
            "ticket_type": g.maybe(g.enum(g.choice(["inquiry", "inquiry", "issue"]))), "opened_at": g.ts(opened),
            "first_response_at": g.ts(first) if first else "",
            "resolved_at": g.ts(first + dt.timedelta(hours=3)) if first and g.bool() else ""})
    for i in range(g.int(0, 4)):
        t["nps_responses"].append({"response_id": f"N{i}", "account_id": g.maybe(g.choice(accounts)),
                                   "contact_id": g.choice(contacts) if contacts and g.bool() else "",
                                   "responded_at": g.ts(g.moment(g.day())), "score": str(g.int(0, 10))})
    for i in range(g.int(0, 3)):
        t["csat_responses"].append({"response_id": f"V{i}", "account_id": g.maybe(g.choice(accounts)),
                                    "ticket_id": g.choice(tickets) if tickets and g.bool() else "",
                                    "responded_at": g.ts(g.moment(g.day())), "score": str(g.int(1, 5))})
    for i in range(g.int(0, 4)):
        month = g.choice(months)
        t["sales_marketing_expenses"].append({
            "expense_id": f"M{i}", "expense_month": month.isoformat(),
            "category": g.enum(g.choice(ENUMS[("sales_marketing_expenses", "category")])),
            "campaign_id": g.choice(campaigns) if campaigns and g.bool() else "", "amount": g.money(),
            "currency": cur()})

    data = DataSet(tables=t, currency=currency)
    # Two data sets in three have an as-of date, most of them inside the data's range, so
    # events, creations, closes and ends after it (not known yet) are common.
    if g.int(0, 2) != 0:
        data.as_of_date = g.date(g.day(n_days // 3, n_days + 20))
    if bad_rows:
        for _ in range(g.int(0, 3)):
            _break_a_row(g, data)
    if g.int(0, 3) == 0:  # column order does not matter; extra columns are ignored
        name = g.choice(list(SPEC))
        cols = [c.name for c in SPEC[name].columns]
        data.column_order[name] = list(reversed(cols)) + ["extra_column"]
    return data


# ---------------------------------------------------------------------------------------------
# Contract breaks
# ---------------------------------------------------------------------------------------------

BREAKS = ["null_key", "duplicate_key", "bad_enum", "unparsable_date", "unparsable_number", "unparsable_boolean",
          "negative_amount", "zero_quantity", "score_out_of_range", "score_not_integer", "orphan_foreign_key",
          "close_before_create", "closed_without_close_date", "end_before_start", "missing_fx_rate",
          "expense_not_first_day", "missing_value", "probability_above_one", "social_kind_not_social",
          "two_faults", "bad_currency", "number_with_underscore"]


def _break_a_row(g: _G, data: DataSet) -> None:
    t = data.tables
    kind = g.choice(BREAKS)
    if kind == "probability_above_one" and g.int(0, 3):  # it orphans a whole stage: keep it rare
        kind = "orphan_foreign_key"
    candidates = {
        "null_key": [n for n in SPEC if t[n]],
        "duplicate_key": [n for n in SPEC if t[n]],
        "bad_enum": [n for n in ("activities", "leads", "orders", "support_tickets", "opportunities") if t[n]],
        "unparsable_date": [n for n in ("leads", "orders", "sales_reps", "subscriptions", "quotas") if t[n]],
        "unparsable_number": [n for n in ("order_lines", "opportunities", "campaigns", "subscriptions") if t[n]],
        "unparsable_boolean": ["products"],
        "negative_amount": [n for n in ("opportunities", "subscriptions", "order_lines", "quotas") if t[n]],
        "zero_quantity": ["order_lines"] if t["order_lines"] else [],
        "score_out_of_range": [n for n in ("nps_responses", "csat_responses", "employee_surveys") if t[n]],
        "score_not_integer": [n for n in ("nps_responses", "csat_responses", "employee_surveys") if t[n]],
        "orphan_foreign_key": [n for n in ("contacts", "activities", "order_lines", "opportunities", "quotes",
                                           "subscriptions", "sales_reps", "accounts") if t[n]],
        "close_before_create": ["opportunities"] if t["opportunities"] else [],
        "closed_without_close_date": ["opportunities"] if t["opportunities"] else [],
        "end_before_start": [n for n in ("quotas", "subscriptions", "forecasts") if t[n]],
        "missing_fx_rate": [n for n in ("orders", "opportunities", "quotes", "subscriptions",
                                        "sales_marketing_expenses") if t[n]],
        "expense_not_first_day": ["sales_marketing_expenses"] if t["sales_marketing_expenses"] else [],
        "missing_value": [n for n in ("leads", "orders", "subscriptions") if t[n]],
        "probability_above_one": ["pipeline_stages"],
        "social_kind_not_social": ["activities"] if t["activities"] else [],
        "two_faults": ["opportunities"] if t["opportunities"] else [],
        "bad_currency": [n for n in ("orders", "quotes", "subscriptions") if t[n]],
        "number_with_underscore": ["order_lines"] if t["order_lines"] else [],
    }[kind]
    if not candidates:
        return
    name = g.choice(candidates)
    rows = t[name]
    i = g.int(0, len(rows) - 1)
    row = dict(rows[i])
    spec = SPEC[name]
    if kind == "null_key":
        row[g.choice(spec.pk)] = g.choice(["", "  "])
    elif kind == "duplicate_key":
        row = dict(g.choice(rows))
        for c in spec.columns:  # change a non-key column so the duplicate is not identical
            if c.name not in spec.pk and c.type == "text" and not c.ref:
                row[c.name] = "dup"
        rows.insert(g.int(0, len(rows)), row)
        data.bad.append(f"{kind} {name}")
        return
    elif kind == "bad_enum":
        col = {"activities": "activity_type", "leads": "source", "orders": "status", "support_tickets": "channel",
               "opportunities": "deal_type"}[name]
        row[col] = "bogus"
    elif kind == "unparsable_date":
        col = {"leads": "created_at", "orders": "ordered_at", "sales_reps": "hire_date", "subscriptions": "started_on",
               "quotas": "period_end"}[name]
        row[col] = g.choice(["2025-02-30", "31/01/2025", "yesterday"])
    elif kind == "unparsable_number":
        col = {"order_lines": "unit_price", "opportunities": "amount", "campaigns": "budget",
               "subscriptions": "mrr_amount"}[name]
        row[col] = g.choice(["12,5", "abc", "1_000"])
    elif kind == "unparsable_boolean":
        row["is_subscription"] = g.choice(["yes", "1", "maybe"])
    elif kind == "negative_amount":
        col = {"opportunities": "amount", "subscriptions": "mrr_amount", "order_lines": "quantity",
               "quotas": "quota_amount"}[name]
        row[col] = "-5"
    elif kind == "zero_quantity":
        row["quantity"] = "0"
    elif kind == "score_out_of_range":
        row["score"] = g.choice(["11", "-1", "0"]) if name == "csat_responses" else g.choice(["11", "-1"])
    elif kind == "score_not_integer":
        row["score"] = g.choice(["7.5", "3.2"])
    elif kind == "orphan_foreign_key":
        col = {"contacts": "account_id", "activities": "rep_id", "order_lines": "product_id",
               "opportunities": "account_id", "quotes": "opportunity_id", "subscriptions": "account_id",
               "sales_reps": "manager_id", "accounts": "referred_by_account_id"}[name]
        row[col] = "NOPE"
    elif kind == "close_before_create":
        created = _utc_date(row["created_at"])
        row["close_date"] = (created - dt.timedelta(days=g.choice([1, 30]))).isoformat()
        row["stage"] = g.choice(["closed_won", "closed_lost"])
    elif kind == "closed_without_close_date":
        row["stage"] = g.choice(["closed_won", "Closed_Lost"])
        row["close_date"] = ""
    elif kind == "end_before_start":
        if name == "subscriptions":
            row["ended_on"] = (dt.date.fromisoformat(row["started_on"]) - dt.timedelta(days=1)).isoformat()
        else:
            row["period_end"] = (dt.date.fromisoformat(row["period_start"]) - dt.timedelta(days=1)).isoformat()
    elif kind == "missing_fx_rate":
        row["currency"] = "JPY"
    elif kind == "expense_not_first_day":
        row["expense_month"] = row["expense_month"][:8] + "15"
    elif kind == "missing_value":
        col = {"leads": "created_at", "orders": "status", "subscriptions": "mrr_amount"}[name]
        row[col] = ""
    elif kind == "probability_above_one":
        row["default_probability"] = "1.5"
    elif kind == "social_kind_not_social":
        row["activity_type"], row["social_kind"] = "call", "like"
    elif kind == "two_faults":  # a bad enum before an unparsable number: the parse rule wins
        row["deal_type"], row["amount"] = "bogus", "abc"
    elif kind == "bad_currency":
        row["currency"] = g.choice(["U$D", "EURO", "1"])
    elif kind == "number_with_underscore":
        row["unit_price"] = g.choice(["1_000", "infinity", "NaN"])
    rows[i] = row
    data.bad.append(f"{kind} {name} row {i + 1}")


def _utc_date(text: str) -> dt.date:
    from .loader import _parse_timestamp

    value = _parse_timestamp(text.strip())
    return value.date() if value is not None else START


def _dedupe(rows: list[dict[str, str]], key: list[str], instants: bool = False) -> None:
    """Keep the first row of each key (timestamps compared as instants when `instants`)."""
    from .loader import _parse_timestamp

    seen: set[tuple] = set()
    kept = []
    for row in rows:
        k = tuple(_parse_timestamp(row[c]) if instants and c.endswith("_at") else row[c] for c in key)
        if k not in seen:
            seen.add(k)
            kept.append(row)
    rows[:] = kept


def _add_months(day: dt.date, n: int) -> dt.date:
    month = day.month - 1 + n
    return dt.date(day.year + month // 12, month % 12 + 1, 1)
