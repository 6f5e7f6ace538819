"""MRR, subscription customers and the survey KPIs (NPS, CSAT, eNPS) computed by hand from
the sample CSVs (seeds/sample/*.csv).

Plain Python (csv, datetime, decimal): no DuckDB, no dbt, nothing read from the warehouse.
The accounts, reps and products (with their reject rules), the FX rule and the parsers come
from tests/semantic_by_hand.py. The rules are the KPI docs' (models/marts/revenue/recurring,
models/marts/team) and the data contract's (docs/DATA_CONTRACT.md):

- a row is rejected, and what references it with it, for a duplicate key (the first row
  of a key keeps it), an unparsable or missing required value, a score out of range (NPS
  and eNPS 0..10, CSAT 1..5, an integer), a bad enum (a ticket's channel or type), an
  orphan foreign key (a response's account, contact, ticket or rep; a ticket's account or
  contact; a contact's account; a subscription's account or product), a subscription
  ending before it starts, a missing FX rate at started_on;
- "known at the as-of date" (2026-06-30): a response answered on or before it (by UTC
  date); a subscription started on or before it, its end ignored when after it;
- surveys: a response counts in the period of its UTC date; NPS and eNPS: promoters 9-10,
  detractors 0-6, 100 x (promoters - detractors) / responses; CSAT: 100 x responses
  scoring 4 or 5 / responses; null without responses;
- MRR at the end of a period: the subscriptions active on its last day d (started_on <= d
  and (no ended_on or ended_on > d): ended_on is exclusive), mrr_amount converted at the
  started_on rate, summed; subscription customers: their distinct accounts; ARPA = MRR /
  customers; MRR 0 and no customers when none is active that day (so ARPA is null). The
  last day of a period is capped at the last complete month's end (the
  as-of date's month is complete in the sample: every period ends on its own last day).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import semantic_by_hand as base
from semantic_by_hand import AS_OF_DATE, FIRST_MONTH, SAMPLE_DIR, FxRates, number, read, utc_day

SCORE_RANGES = {"nps_responses": (0, 10), "csat_responses": (1, 5), "employee_surveys": (0, 10)}
SURVEY_OF = {"nps_responses": "nps", "csat_responses": "csat", "employee_surveys": "enps"}
CHANNELS, TICKET_TYPES = {"phone", "email", "chat"}, {"inquiry", "issue"}


@dataclass
class Subs:
    """The clean rows the KPIs need, and the rows rejected on the way (table, 1-based data row)."""

    base: base.Sample
    responses: list[dict] = field(default_factory=list)  # survey, day, score, account_id, rep_id
    subscriptions: list[dict] = field(default_factory=list)  # account_id, product_id, start, end, mrr
    rejected: set[tuple[str, int]] = field(default_factory=set)


def integer(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def optional_day_ok(value: str | None) -> bool:
    return value is None or utc_day(value) is not None


def load(data_dir: Path = SAMPLE_DIR) -> Subs:
    subs = Subs(base=base.load(data_dir))
    accounts, reps, products = subs.base.accounts, subs.base.reps, subs.base.products
    fx = FxRates(read("fx_rates", data_dir))

    def clean(table: str, ok) -> dict[str, dict]:
        """First row of each key that passes ok(row); the others rejected."""
        kept: dict[str, dict] = {}
        seen: set[str] = set()
        key = {"contacts": "contact_id", "support_tickets": "ticket_id",
               "subscriptions": "subscription_id"}.get(table, "response_id")
        for number_, row in enumerate(read(table, data_dir), start=1):
            duplicate = row[key] in seen
            seen.add(row[key])
            if row[key] is None or duplicate or not ok(row):
                subs.rejected.add((table, number_))
                continue
            kept[row[key]] = row
        return kept

    def fk(value: str | None, parents: dict) -> bool:
        return value is None or value in parents

    contacts = clean("contacts", lambda row: fk(row["account_id"], accounts) and optional_day_ok(row["created_at"]))
    tickets = clean("support_tickets", lambda row: (
        fk(row["account_id"], accounts) and fk(row["contact_id"], contacts)
        and (row["channel"] is None or row["channel"].lower() in CHANNELS)
        and (row["ticket_type"] is None or row["ticket_type"].lower() in TICKET_TYPES)
        and utc_day(row["opened_at"]) is not None
        and optional_day_ok(row["first_response_at"]) and optional_day_ok(row["resolved_at"])))

    def response_ok(table: str):
        low, high = SCORE_RANGES[table]

        def ok(row: dict) -> bool:
            score = integer(row["score"])
            if utc_day(row["responded_at"]) is None or score is None or not low <= score <= high:
                return False
            if table == "employee_surveys":
                return fk(row["rep_id"], reps)
            other = ("contact_id", contacts) if table == "nps_responses" else ("ticket_id", tickets)
            return fk(row["account_id"], accounts) and fk(row[other[0]], other[1])
        return ok

    for table, survey in SURVEY_OF.items():
        for row in clean(table, response_ok(table)).values():
            day = utc_day(row["responded_at"])
            if FIRST_MONTH <= day <= AS_OF_DATE:
                subs.responses.append({"survey": survey, "day": day, "score": int(row["score"]),
                                       "account_id": row.get("account_id"), "rep_id": row.get("rep_id")})

    def subscription_ok(row: dict) -> bool:
        started, amount = utc_day(row["started_on"]), number(row["mrr_amount"])
        return (row["account_id"] in accounts and fk(row["product_id"], products)
                and started is not None and optional_day_ok(row["ended_on"])
                and amount is not None and amount >= 0 and row["currency"] is not None
                and not (row["ended_on"] is not None and utc_day(row["ended_on"]) < started)
                and fx.rate(row["currency"], started) is not None)

    for row in clean("subscriptions", subscription_ok).values():
        started = utc_day(row["started_on"])
        ended = utc_day(row["ended_on"]) if row["ended_on"] else None
        if started > AS_OF_DATE:
            continue  # not known yet
        subs.subscriptions.append({
            "account_id": row["account_id"], "product_id": row["product_id"], "start": started,
            "end": ended if ended is not None and ended <= AS_OF_DATE else None,
            "mrr": number(row["mrr_amount"]) * fx.rate(row["currency"], started)})
    return subs


# ---------------------------------------------------------------- surveys

def survey_score(subs: Subs, survey: str, *keys) -> dict[tuple, float]:
    """NPS / eNPS (100 x (promoters - detractors) / responses) or CSAT (100 x satisfied /
    responses) per key tuple (each key a function of a response)."""
    responses: dict[tuple, int] = defaultdict(int)
    points: dict[tuple, int] = defaultdict(int)
    for response in subs.responses:
        if response["survey"] != survey:
            continue
        key = tuple(key(response) for key in keys)
        responses[key] += 1
        score = response["score"]
        if survey == "csat":
            points[key] += score >= 4
        else:
            points[key] += (score >= 9) - (score <= 6)
    return {key: 100.0 * points[key] / count for key, count in responses.items()}


# ---------------------------------------------------------------- MRR snapshots

def last_snapshot_day() -> date:
    """The last day of the last complete month (the as-of date's month when it ends on it)."""
    next_day = AS_OF_DATE + timedelta(days=1)
    return AS_OF_DATE if next_day.day == 1 else AS_OF_DATE.replace(day=1) - timedelta(days=1)


def period_ends(grain: str) -> dict[str, date]:
    """Each period of the spine (its first day, ISO) -> its snapshot day: its last day, capped
    at the last complete month's end."""
    ends: dict[str, date] = {}
    day, last = FIRST_MONTH, last_snapshot_day()
    while day <= last:
        start, end = {
            "month": (day.replace(day=1), base.month_end(day)),
            "quarter": (date.fromisoformat(base.quarter(day)),
                        base.month_end(date.fromisoformat(base.quarter(day)) + timedelta(days=62))),
            "year": (date(day.year, 1, 1), date(day.year, 12, 31)),
            "week": (day - timedelta(days=day.weekday()), day - timedelta(days=day.weekday()) + timedelta(days=6)),
        }[grain]
        ends[start.isoformat()] = min(end, last)
        day = end + timedelta(days=1)
    return ends


def active_on(subs: Subs, day: date) -> list[dict]:
    return [sub for sub in subs.subscriptions if sub["start"] <= day and (sub["end"] is None or sub["end"] > day)]


def mrr_at_period_ends(subs: Subs, grain: str, *keys) -> tuple[dict[tuple, float], dict[tuple, float]]:
    """(MRR, subscription customers) at each period's snapshot day, per (period, *keys) with
    each key a function of a subscription; a period whose snapshot day has no active
    subscription has MRR 0 and 0 customers under the keys None."""
    mrr: dict[tuple, Decimal] = defaultdict(Decimal)
    accounts: dict[tuple, set] = defaultdict(set)
    for period, day in period_ends(grain).items():
        active = active_on(subs, day)
        if not active:  # MRR 0 and no customers (the mart's 0), under no account or product
            mrr[(period, *(None for _key in keys))] += 0
            accounts[(period, *(None for _key in keys))] = set()
        for sub in active:
            key = (period, *(key(sub) for key in keys))
            mrr[key] += sub["mrr"]
            accounts[key].add(sub["account_id"])
    return ({key: float(value) for key, value in mrr.items()},
            {key: float(len(value)) for key, value in accounts.items()})
