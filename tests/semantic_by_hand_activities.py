"""The activity KPIs (activities, activities_by_type, networking events, time on sales
activities, social engagement, product demos, sales activity ratio) computed by hand from
the sample CSVs (seeds/sample/*.csv).

Plain Python (csv, datetime, decimal): no DuckDB, no dbt, nothing read from the
warehouse. The rules are the KPI docs' (models/marts/activities/_activities__models.yml,
models/marts/pipeline/product_demos.sql) and the data contract's (docs/DATA_CONTRACT.md),
applied to what the sample holds; the accounts, reps, products and deals come from
tests/semantic_by_hand.py:

- an activity row is rejected when its activity_id is missing or repeats an earlier
  row's, activity_type or occurred_at is missing, occurred_at is not a timestamp,
  duration_minutes is not a number or is negative, an enum (activity_type, direction,
  outcome, social_kind; trimmed, any case) has a value the contract does not list, it
  has a social_kind but is not a social_engagement, or a key it carries (rep, lead,
  contact, account, opportunity) is not among that table's clean rows; leads,
  contacts and campaigns are checked the same way, so an activity of a rejected lead
  is rejected with it;
- an activity counts on the UTC day of occurred_at when that day is on or before the
  as-of date (the sample's: 2026-06-30) and in a KPI month (2024-07 to 2026-06);
- activities: every kept activity; the per-rep KPIs count those with a rep only:
  activities_by_type (all types), networking_events (type networking_event),
  time_on_sales_activities (sum of duration_minutes, none logged = 0);
  social_engagement: social_engagement activities with a social_kind, with or
  without a rep; product_demos: demo activities, with or without a rep;
- the per-rep grid (marts.activities_by_type, networking_events): each rep employed
  in the month (hire_date on or before its last day, termination_date none or on or
  after its first day), plus each rep-month with an activity or a won deal; a rep of
  the grid without activities counts 0, a group with no rep of the grid has no value;
- sales_activity_ratio: activities_by_type / deals won (closed_won deals owned by the
  rep, by close_date) in the same period and group; none without a deal won;
- support tickets are rejected by the same kind of rules (key, enums channel and
  ticket_type, timestamps, account and contact); a ticket counts on the UTC day of
  opened_at in a KPI month; a first response after the as-of date is not known;
  customer_inquiry_response_time: the mean minutes from opened_at to the first response
  of the inquiries with a channel and a known first response.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal

import semantic_by_hand as base

ACTIVITY_TYPES = {"call", "email", "meeting", "video_meeting", "demo", "follow_up", "networking_event",
                  "social_engagement"}
DIRECTIONS = {"outbound", "inbound"}
OUTCOMES = {"positive_reply", "negative_reply", "meeting_booked", "completed", "no_show", "no_answer", "none"}
SOCIAL_KINDS = {"like", "comment", "share", "direct_message"}
LEAD_SOURCES = {"web", "paid", "social", "email", "event", "referral", "outbound", "partner"}
LEAD_ORIGINS = {"marketing", "sales"}
CAMPAIGN_CHANNELS = {"email", "paid_search", "paid_social", "organic_social", "event", "webinar", "content",
                     "partner"}
TICKET_CHANNELS = {"phone", "email", "chat"}
TICKET_TYPES = {"inquiry", "issue"}
VALID_DAYS = (date(1900, 1, 1), date(2100, 12, 31))


def month_of(day: date) -> date:
    return date(day.year, day.month, 1)


def utc_moment(value: str) -> datetime:
    """An ISO-8601 timestamp as an aware UTC datetime (no offset = UTC)."""
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _day_ok(value: str | None, required: bool = False) -> bool:
    """A missing value (when allowed) or a timestamp / date in the valid window."""
    if value is None:
        return not required
    day = base.utc_day(value)
    return day is not None and VALID_DAYS[0] <= day <= VALID_DAYS[1]


def _enum_ok(value: str | None, allowed: set[str]) -> bool:
    return value is None or value.lower() in allowed


def _clean(table: str, rows: list[dict], key: str, valid, rejected: set[tuple[str, int]]) -> dict[str, dict]:
    """The rows of a table that have a key, pass valid(row) and do not repeat an earlier row's
    key (the first row of a key keeps it, even when it is rejected itself)."""
    kept: dict[str, dict] = {}
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        duplicate = row[key] in seen
        if row[key] is not None:
            seen.add(row[key])
        if row[key] is None or duplicate or not valid(row):
            rejected.add((table, number))
            continue
        kept[row[key]] = row
    return kept


@dataclass
class Activities:
    """The kept activities (day, activity_type, rep_id, ...), the roster, won deals, rejects."""

    sample: base.Sample
    rows: list[dict] = field(default_factory=list)
    roster: set[tuple[date, str]] = field(default_factory=set)  # (month, rep_id) of the per-rep grid
    won: list[dict] = field(default_factory=list)  # deals closed won: day, rep_id, account_id
    tickets: list[dict] = field(default_factory=list)  # support tickets: day, channel, ticket_type, minutes
    rejected: set[tuple[str, int]] = field(default_factory=set)


def load(sample: base.Sample | None = None, data_dir=base.SAMPLE_DIR) -> Activities:
    sample = sample or base.load(data_dir)
    result = Activities(sample=sample)
    fx = base.FxRates(base.read("fx_rates", data_dir))
    deal_ids = {row["opportunity_id"] for number, row in enumerate(base.read("opportunities", data_dir), start=1)
                if ("opportunities", number) not in sample.rejected}

    campaigns = _clean("campaigns", base.read("campaigns", data_dir), "campaign_id", lambda row: (
        _enum_ok(row["channel"], CAMPAIGN_CHANNELS) and _day_ok(row["start_date"], True) and _day_ok(row["end_date"])
        and row["currency"] is not None
        and (row["budget"] is None or (base.number(row["budget"]) is not None and base.number(row["budget"]) >= 0))
        and fx.rate(row["currency"], base.utc_day(row["start_date"])) is not None), result.rejected)
    leads = _clean("leads", base.read("leads", data_dir), "lead_id", lambda row: (
        _day_ok(row["created_at"], True) and _day_ok(row["converted_at"])
        and _enum_ok(row["source"], LEAD_SOURCES) and _enum_ok(row["origin"], LEAD_ORIGINS)
        and (row["campaign_id"] is None or row["campaign_id"] in campaigns)
        and (row["owner_rep_id"] is None or row["owner_rep_id"] in sample.reps)
        and (row["converted_account_id"] is None or row["converted_account_id"] in sample.accounts)),
        result.rejected)
    contacts = _clean("contacts", base.read("contacts", data_dir), "contact_id", lambda row: (
        _day_ok(row["created_at"]) and (row["account_id"] is None or row["account_id"] in sample.accounts)),
        result.rejected)

    def activity_ok(row: dict) -> bool:
        duration = base.number(row["duration_minutes"]) if row["duration_minutes"] is not None else Decimal(0)
        activity_type = (row["activity_type"] or "").lower()
        return (row["activity_type"] is not None and _day_ok(row["occurred_at"], True)
                and duration is not None and duration >= 0
                and activity_type in ACTIVITY_TYPES and _enum_ok(row["direction"], DIRECTIONS)
                and _enum_ok(row["outcome"], OUTCOMES) and _enum_ok(row["social_kind"], SOCIAL_KINDS)
                and (row["social_kind"] is None or activity_type == "social_engagement")
                and all(row[column] is None or row[column] in parents for column, parents in (
                    ("rep_id", sample.reps), ("lead_id", leads), ("contact_id", contacts),
                    ("account_id", sample.accounts), ("opportunity_id", deal_ids))))

    kept = _clean("activities", base.read("activities", data_dir), "activity_id", activity_ok, result.rejected)
    first_month = base.FIRST_MONTH
    for row in kept.values():
        day = base.utc_day(row["occurred_at"])
        if not (first_month <= day <= base.AS_OF_DATE):  # known at the as-of date, in a KPI month
            continue
        result.rows.append({
            "activity_id": row["activity_id"], "day": day, "activity_type": row["activity_type"].lower(),
            "direction": (row["direction"] or "").lower() or None, "outcome": (row["outcome"] or "").lower() or None,
            "social_kind": (row["social_kind"] or "").lower() or None,
            "minutes": base.number(row["duration_minutes"]) if row["duration_minutes"] is not None else Decimal(0),
            "rep_id": row["rep_id"], "account_id": row["account_id"], "opportunity_id": row["opportunity_id"],
        })

    tickets = _clean("support_tickets", base.read("support_tickets", data_dir), "ticket_id", lambda row: (
        _day_ok(row["opened_at"], True) and _day_ok(row["first_response_at"]) and _day_ok(row["resolved_at"])
        and _enum_ok(row["channel"], TICKET_CHANNELS) and _enum_ok(row["ticket_type"], TICKET_TYPES)
        and (row["account_id"] is None or row["account_id"] in sample.accounts)
        and (row["contact_id"] is None or row["contact_id"] in contacts)), result.rejected)
    for row in tickets.values():
        day = base.utc_day(row["opened_at"])
        if not (first_month <= day <= base.AS_OF_DATE):
            continue
        answered = row["first_response_at"] if row["first_response_at"] is not None and base.utc_day(
            row["first_response_at"]) <= base.AS_OF_DATE else None
        minutes = (utc_moment(answered) - utc_moment(row["opened_at"])).total_seconds() / 60 if answered else None
        result.tickets.append({"ticket_id": row["ticket_id"], "day": day, "account_id": row["account_id"],
                               "channel": (row["channel"] or "").lower() or None,
                               "ticket_type": (row["ticket_type"] or "").lower() or None, "minutes": minutes})

    result.won = [deal for deal in sample.deals if deal["won"]]
    spine = base.months()
    for rep_id, rep in sample.reps.items():
        hired, left = base.utc_day(rep["hire_date"]), base.utc_day(rep["termination_date"])
        result.roster |= {(month, rep_id) for month in spine
                          if hired <= base.month_end(month) and (left is None or left >= month)}
    result.roster |= {(month_of(row["day"]), row["rep_id"]) for row in result.rows + result.won if row["rep_id"]}
    return result


def rep_activities(data: Activities, value, *keys) -> dict[tuple, float]:
    """value(activity) summed over the activities with a rep, per key tuple."""
    return base.total([row for row in data.rows if row["rep_id"]], value, *keys)


def on_roster(data: Activities, values: dict[tuple, float], period, *rep_keys) -> dict[tuple, float]:
    """The per-rep KPI: values per (period, *rep key) on the groups with a rep-month of the
    grid (0 there without a value); the other groups dropped."""
    groups = {(period(month), *(key(rep_id) for key in rep_keys)) for month, rep_id in data.roster}
    return {group: values.get(group, 0.0) for group in groups}


def ratio_by_hand(numerators: dict[tuple, float], denominators: dict[tuple, float]) -> dict[tuple, float]:
    """numerator / denominator where both groups exist and the denominator is not 0."""
    return {key: numerators[key] / den for key, den in denominators.items() if den and key in numerators}


def response_time(data: Activities, *keys) -> dict[tuple, float]:
    """Mean minutes to the first response of the answered inquiries with a channel, per key tuple."""
    answered = [ticket for ticket in data.tickets
                if ticket["ticket_type"] == "inquiry" and ticket["channel"] and ticket["minutes"] is not None]
    minutes = base.total(answered, lambda ticket: ticket["minutes"], *keys)
    return base.ratio(minutes, base.total(answered, lambda ticket: 1, *keys))
