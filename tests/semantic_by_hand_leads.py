"""The lead KPIs (new leads, lead conversion, marketing vs sales, mql / sql to customer,
lead response time, leads followed up; by first touch: customer acquisition rate,
positive response rate; meeting acceptance rate) computed by hand from the sample CSVs
(seeds/sample/*.csv): one record per lead, per contacted lead, per prospect response.

Plain Python (csv, datetime, decimal): no DuckDB, no dbt, nothing read from the
warehouse. The rules are the KPI docs' (models/marts/leads/_leads__models.yml,
models/marts/leads/response/_response__models.yml) and the data contract's
(docs/DATA_CONTRACT.md), applied to what the sample holds; accounts, reps, deals and
completed orders come from tests/semantic_by_hand.py (the same reject rules):

- values are trimmed; enums (source, origin, stage, channel, direction...) are matched
  case-insensitively; a timestamp is ISO-8601 in UTC, its day the UTC date;
- a row that breaks the contract is rejected: a null or duplicate key (the first row of
  a key keeps it), an unparsable date, timestamp or number, a bad enum, a missing
  required value, an orphan foreign key (a lead's campaign, owner rep or converted
  account; a stage entry's lead; an activity's rep, lead, contact, account or
  opportunity; a contact's or subscription's account...), a missing FX rate (a
  campaign's budget at its start_date, a subscription's mrr at its started_on);
- as known on the as-of date (2026-06-30): a lead converted after it is not converted;
  stage entries and activities after it do not count;
- a lead's cohort day is the UTC date of created_at;
- customer: the lead's converted account has a closed-won deal, a completed order or a
  subscription (int_customer_acquisitions: acquired on or before the as-of date);
- mql / sql / customer reached: an entry in that stage in lead_stage_history (a skipped
  stage is not reached; the customer entry is independent of the converted account);
- latest stage: the latest entry (a tie goes to the stage further along the funnel,
  customer above disqualified); 'lead' without entries;
- followed up: an outbound activity carrying the lead_id; response hours: hours from
  created_at to the earliest one (leads without one are left out of the mean);
- by first touch (customer acquisition rate, positive response rate): the contacted
  leads by the day of their earliest outbound activity; positive responder: an inbound
  activity on the lead with outcome positive_reply or meeting_booked at any time;
- prospect responses (meeting acceptance rate): inbound activities on a lead with outcome
  positive_reply, negative_reply or meeting_booked, by their day; meetings: meeting_booked.

Every lead, first touch and response of the sample lies in the KPI months (2024-07 to the
as-of month 2026-06).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import semantic_by_hand as base
from semantic_by_hand import SAMPLE_DIR, FxRates, number, read, utc_day, utc_moment

AS_OF_DATE = base.AS_OF_DATE
SOURCES = {"web", "paid", "social", "email", "event", "referral", "outbound", "partner"}
ORIGINS = {"marketing", "sales"}
LEAD_STAGES = {"lead": 1, "mql": 2, "sql": 3, "opportunity": 4, "disqualified": 5, "customer": 6}  # tie rank
CHANNELS = {"email", "paid_search", "paid_social", "organic_social", "event", "webinar", "content", "partner"}
ACTIVITY_TYPES = {"call", "email", "meeting", "video_meeting", "demo", "follow_up", "networking_event",
                  "social_engagement"}
DIRECTIONS = {"outbound", "inbound"}
OUTCOMES = {"positive_reply", "negative_reply", "meeting_booked", "completed", "no_show", "no_answer", "none"}
SOCIAL_KINDS = {"like", "comment", "share", "direct_message"}


def enum(value: str | None, allowed: set[str]) -> tuple[bool, str | None]:
    """(valid, normalised value): None is valid (unknown), else matched case-insensitively."""
    if value is None:
        return True, None
    return value.lower() in allowed, value.lower()


@dataclass
class Leads:
    """One record per clean lead known at the as-of date, the campaigns and the rejected rows."""

    base: base.Sample
    leads: list[dict] = field(default_factory=list)
    first_touches: list[dict] = field(default_factory=list)  # the contacted leads, day = first touch's
    responses: list[dict] = field(default_factory=list)  # prospect responses, day = the response's
    campaigns: dict[str, dict] = field(default_factory=dict)
    rejected: set[tuple[str, int]] = field(default_factory=set)


def clean_keys(rows: list[dict], key: str, rejected: set[tuple[str, int]], table: str, ok) -> dict[str, dict]:
    """The rows passing ok(row), first row of each non-null key; the others go to rejected."""
    kept: dict[str, dict] = {}
    seen: set[str] = set()
    for number_, row in enumerate(rows, start=1):
        duplicate = row[key] in seen
        seen.add(row[key])
        if row[key] is None or duplicate or not ok(row):
            rejected.add((table, number_))
            continue
        kept[row[key]] = row
    return kept


def load(data_dir: Path = SAMPLE_DIR) -> Leads:
    sample = base.load(data_dir)
    result = Leads(base=sample)
    rejected = result.rejected
    fx = FxRates(read("fx_rates", data_dir))
    accounts, reps = sample.accounts, sample.reps
    deal_ids = {row["opportunity_id"] for number_, row in enumerate(read("opportunities", data_dir), start=1)
                if ("opportunities", number_) not in sample.rejected}

    def campaign_ok(row: dict) -> bool:
        start, budget = utc_day(row["start_date"]), number(row["budget"])
        return (enum(row["channel"], CHANNELS)[0] and start is not None
                and (row["end_date"] is None or utc_day(row["end_date"]) is not None)
                and (row["budget"] is None or (budget is not None and budget >= 0))
                and row["currency"] is not None and fx.rate(row["currency"], start) is not None)

    result.campaigns = clean_keys(read("campaigns", data_dir), "campaign_id", rejected, "campaigns", campaign_ok)

    def lead_ok(row: dict) -> bool:
        return (utc_moment(row["created_at"]) is not None
                and enum(row["source"], SOURCES)[0] and enum(row["origin"], ORIGINS)[0]
                and (row["campaign_id"] is None or row["campaign_id"] in result.campaigns)
                and (row["owner_rep_id"] is None or row["owner_rep_id"] in reps)
                and (row["converted_account_id"] is None or row["converted_account_id"] in accounts)
                and (row["converted_at"] is None or utc_moment(row["converted_at"]) is not None))

    leads = clean_keys(read("leads", data_dir), "lead_id", rejected, "leads", lead_ok)

    def contact_ok(row: dict) -> bool:
        return ((row["account_id"] is None or row["account_id"] in accounts)
                and (row["created_at"] is None or utc_moment(row["created_at"]) is not None))

    contacts = clean_keys(read("contacts", data_dir), "contact_id", rejected, "contacts", contact_ok)

    def subscription_ok(row: dict) -> bool:
        started, mrr = utc_day(row["started_on"]), number(row["mrr_amount"])
        ended = utc_day(row["ended_on"])
        return (row["account_id"] in accounts and started is not None and mrr is not None and mrr >= 0
                and (row["product_id"] is None or row["product_id"] in sample.products)
                and (row["ended_on"] is None or (ended is not None and ended >= started))
                and row["currency"] is not None and fx.rate(row["currency"], started) is not None)

    subscriptions = clean_keys(read("subscriptions", data_dir), "subscription_id", rejected, "subscriptions",
                               subscription_ok)

    # lead stage history: PK (lead_id, stage, entered_at); only what is known on the as-of date counts
    entries: dict[str, list[tuple[datetime, int, str]]] = defaultdict(list)
    seen_entries: set[tuple] = set()
    for number_, row in enumerate(read("lead_stage_history", data_dir), start=1):
        valid, stage = enum(row["stage"], set(LEAD_STAGES))
        entered = utc_moment(row["entered_at"])
        key = (row["lead_id"], stage, entered)
        if (row["lead_id"] is None or stage is None or entered is None or not valid or key in seen_entries
                or row["lead_id"] not in leads):
            rejected.add(("lead_stage_history", number_))
            continue
        seen_entries.add(key)
        if entered.date() <= AS_OF_DATE:
            entries[row["lead_id"]].append((entered, LEAD_STAGES[stage], stage))

    def activity_ok(row: dict) -> bool:
        type_ok, activity_type = enum(row["activity_type"], ACTIVITY_TYPES)
        kind_ok, social_kind = enum(row["social_kind"], SOCIAL_KINDS)
        duration = number(row["duration_minutes"])
        return (activity_type is not None and type_ok and enum(row["direction"], DIRECTIONS)[0]
                and enum(row["outcome"], OUTCOMES)[0] and kind_ok
                and (social_kind is None or activity_type == "social_engagement")
                and utc_moment(row["occurred_at"]) is not None
                and (row["duration_minutes"] is None or (duration is not None and duration >= 0))
                and (row["rep_id"] is None or row["rep_id"] in reps)
                and (row["lead_id"] is None or row["lead_id"] in leads)
                and (row["contact_id"] is None or row["contact_id"] in contacts)
                and (row["account_id"] is None or row["account_id"] in accounts)
                and (row["opportunity_id"] is None or row["opportunity_id"] in deal_ids))

    activities = clean_keys(read("activities", data_dir), "activity_id", rejected, "activities", activity_ok)
    first_touch: dict[str, datetime] = {}
    for row in activities.values():
        moment = utc_moment(row["occurred_at"])
        direction, outcome = (row["direction"] or "").lower(), (row["outcome"] or "").lower()
        if not row["lead_id"] or moment.date() > AS_OF_DATE:
            continue
        if direction == "outbound":
            first_touch[row["lead_id"]] = min(moment, first_touch.get(row["lead_id"], moment))
        elif direction == "inbound" and outcome in ("positive_reply", "negative_reply", "meeting_booked"):
            result.responses.append({"day": moment.date(), "lead_id": row["lead_id"], "outcome": outcome,
                                     "activity_type": row["activity_type"].lower(),
                                     "positive": outcome != "negative_reply", "meeting": outcome == "meeting_booked"})
    positive_leads = {response["lead_id"] for response in result.responses if response["positive"]}

    customers = ({deal["account_id"] for deal in sample.deals if deal["won"] and deal["account_id"]}
                 | {order["account_id"] for order in sample.orders if order["account_id"]}
                 | {row["account_id"] for row in subscriptions.values()
                    if utc_day(row["started_on"]) <= AS_OF_DATE})

    for lead_id, row in leads.items():
        created = utc_moment(row["created_at"])
        if created.date() > AS_OF_DATE:
            continue
        converted = utc_moment(row["converted_at"])
        account = row["converted_account_id"] if converted is None or converted.date() <= AS_OF_DATE else None
        stages = {stage for _at, _rank, stage in entries[lead_id]}
        latest = max(entries[lead_id])[2] if entries[lead_id] else "lead"
        touch = first_touch.get(lead_id)
        result.leads.append({
            "lead_id": lead_id, "day": created.date(),
            "source": enum(row["source"], SOURCES)[1], "origin": enum(row["origin"], ORIGINS)[1],
            "campaign_id": row["campaign_id"], "rep_id": row["owner_rep_id"], "account_id": account,
            "latest_stage": latest,
            "customer": account is not None and account in customers,
            "mql": "mql" in stages, "sql": "sql" in stages, "customer_stage": "customer" in stages,
            "followed_up": touch is not None,
            "response_hours": (touch - created).total_seconds() / 3600 if touch is not None else None,
        })
        if touch is not None:
            result.first_touches.append({**result.leads[-1], "day": touch.date(),
                                         "positive_responder": lead_id in positive_leads})

    for what in (result.leads, result.first_touches, result.responses):
        assert all(base.FIRST_MONTH <= row["day"] <= AS_OF_DATE for row in what), "an event outside the KPI months"
    return result


# ----------------------------------------------------------------- the KPIs per key tuple
# each key a function of a lead record; a key without leads (or without the denominator's
# leads, for a rate) is absent

def count(leads: list[dict], keys, where=lambda lead: True) -> dict[tuple, float]:
    counts: dict[tuple, float] = defaultdict(float)
    for lead in leads:
        key = tuple(key(lead) for key in keys)
        counts[key] += 1.0 if where(lead) else 0.0
    return dict(counts)


def rate(leads: list[dict], keys, numerator, denominator=lambda lead: True) -> dict[tuple, float]:
    """100 x leads passing numerator and denominator / leads passing denominator, per key."""
    nums = count(leads, keys, lambda lead: denominator(lead) and numerator(lead))
    dens = count(leads, keys, denominator)
    return {key: 100.0 * nums[key] / den for key, den in dens.items() if den}


def new_leads(leads: list[dict], *keys) -> dict[tuple, float]:
    return count(leads, keys)


def lead_conversion_rate(leads: list[dict], *keys) -> dict[tuple, float]:
    return rate(leads, keys, lambda lead: lead["customer"])


def marketing_vs_sales_leads(leads: list[dict], *keys) -> dict[tuple, float]:
    return rate(leads, keys, lambda lead: lead["origin"] == "marketing", lambda lead: lead["origin"] is not None)


def mql_to_customer_rate(leads: list[dict], *keys) -> dict[tuple, float]:
    return rate(leads, keys, lambda lead: lead["customer_stage"], lambda lead: lead["mql"])


def sql_to_customer_rate(leads: list[dict], *keys) -> dict[tuple, float]:
    return rate(leads, keys, lambda lead: lead["customer_stage"], lambda lead: lead["sql"])


def leads_followed_up(leads: list[dict], *keys) -> dict[tuple, float]:
    return rate(leads, keys, lambda lead: lead["followed_up"])


def lead_response_time(leads: list[dict], *keys) -> dict[tuple, float]:
    """Mean response hours of the touched leads, per key."""
    hours: dict[tuple, list[float]] = defaultdict(list)
    for lead in leads:
        if lead["response_hours"] is not None:
            hours[tuple(key(lead) for key in keys)].append(lead["response_hours"])
    return {key: sum(values) / len(values) for key, values in hours.items()}


def customer_acquisition_rate(first_touches: list[dict], *keys) -> dict[tuple, float]:
    """Over first_touches (day = the first touch's): customers / contacted leads x 100."""
    return rate(first_touches, keys, lambda lead: lead["customer"])


def prospect_response_rates(first_touches: list[dict], *keys) -> dict[tuple, float]:
    """Over first_touches: leads with a positive response at any time / contacted leads x 100."""
    return rate(first_touches, keys, lambda lead: lead["positive_responder"])


def meeting_acceptance_rate(responses: list[dict], *keys) -> dict[tuple, float]:
    """Over responses (day = the response's): meetings booked / responses x 100."""
    return rate(responses, keys, lambda response: response["meeting"])


def referral_leads(leads: list[dict], *keys) -> dict[tuple, float]:
    return count(leads, keys, lambda lead: lead["source"] == "referral")


KPIS = {  # metric: (hand computation, value of a key without leads)
    "new_leads": (new_leads, 0.0),
    "lead_conversion_rate": (lead_conversion_rate, None),
    "marketing_vs_sales_leads": (marketing_vs_sales_leads, None),
    "mql_to_customer_rate": (mql_to_customer_rate, None),
    "sql_to_customer_rate": (sql_to_customer_rate, None),
    "leads_followed_up": (leads_followed_up, None),
    "lead_response_time": (lead_response_time, None),
    "referral_leads": (referral_leads, 0.0),
}


def month(day: date) -> str:
    return date(day.year, day.month, 1).isoformat()
