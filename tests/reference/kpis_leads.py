"""Reference (plain pandas) implementation of the "Leads and marketing" KPIs of
docs/KPI_CATALOG.md, written from the catalog's text and the documented choices of
models/marts/leads/_leads__models.yml, _leads__docs.md and response/_response__models.yml
(and the shared docs of models/marts/activities/_activities__docs.md they cite).

Documented choices followed here:
- leads are those created on or before the as-of date; their lifecycle comes from the
  lead_stage_history entries on or before it;
- "became a customer": the lead's converted_account_id is a customer account, i.e. it
  has an acquisition date on or before the as-of date (whenever that was); this holds for
  the six lead-response KPIs too (their leads come from the same leads scope);
- new_customers and referrals count acquisitions whose date falls in a spine month (the
  catalog's rule, with no as-of cut inside the as-of month, like every monthly event count);
- a lead's latest stage: the entry with the latest entered_at; ties go to the stage
  further along the funnel (lead < mql < sql < opportunity < disqualified < customer);
  no history = stage 'lead' (and reached 'lead' only);
- first touch: earliest outbound activity carrying the lead_id (ties: lower activity_id);
- touches before conversion: outbound activities strictly before converted_at (all of
  them when not converted); 0 touches = no bucket;
- campaign spend: the sum of its expenses (expense_month on or before the as-of date, each
  at its expense_month rate) when it has any, else its budget at its start_date rate.

Each function takes a `Clean` (tests/reference/README.md) and returns the headline at
the catalog's grain: the grain columns plus `value` (float, NaN for NULL).
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from .common import days_between, headline, hours_between, month_start, pct, reindex_months, safe_div

STAGES = ["lead", "mql", "sql", "opportunity", "customer", "disqualified"]
# Tie-break rank at one entered_at: further along the funnel wins.
TIE_RANK = {"lead": 1, "mql": 2, "sql": 3, "opportunity": 4, "disqualified": 5, "customer": 6}
SOURCES = ["web", "paid", "social", "email", "event", "referral", "outbound", "partner"]
BUCKETS = ["1", "2-4", "5-9", "10+"]
RESPONSE_OUTCOMES = ["positive_reply", "negative_reply", "meeting_booked"]
POSITIVE_OUTCOMES = ["positive_reply", "meeting_booked"]


# --------------------------------------------------------------------------- helpers

def _day(values: pd.Series) -> pd.Series:
    """Date (midnight) of each timestamp/date."""
    return pd.to_datetime(values).dt.normalize()


def _as_of_end(clean) -> pd.Timestamp:
    """First instant after the as-of date: events strictly before it are on or before it."""
    return clean.as_of_date + pd.Timedelta(days=1)


def customer_acquisitions(clean, through_as_of: bool = True) -> pd.DataFrame:
    """Customer accounts: account_id, acquisition_date, acquisition_month, acquisition_source.
    Acquisition date = earliest of the first closed-won opportunity close_date, the first
    completed order date and the first subscription started_on. With through_as_of (the
    "is a customer" state of the leads scope), only acquisitions on or before the as-of
    date; without it, every acquisition (the monthly counts of new customers, where the
    catalog only asks that the acquisition date fall in the spine month)."""
    opps = clean.opportunities
    won = opps.loc[(opps["stage"] == "closed_won") & opps["close_date"].notna(), ["account_id", "close_date"]]
    won = won.assign(day=_day(won["close_date"]))[["account_id", "day"]]
    orders = clean.orders
    done = orders.loc[orders["status"] == "completed", ["account_id", "ordered_at"]]
    done = done.assign(day=_day(done["ordered_at"]))[["account_id", "day"]]
    subs = clean.subscriptions[["account_id", "started_on"]]
    subs = subs.assign(day=_day(subs["started_on"]))[["account_id", "day"]]
    events = pd.concat([won, done, subs], ignore_index=True).dropna()
    acq = events.groupby("account_id", as_index=False)["day"].min().rename(columns={"day": "acquisition_date"})
    if through_as_of:
        acq = acq[acq["acquisition_date"] <= clean.as_of_date]
    acq = acq.copy()
    acq["acquisition_month"] = month_start(acq["acquisition_date"])
    sources = clean.accounts[["account_id", "acquisition_source"]]
    return acq.merge(sources, on="account_id", how="left").reset_index(drop=True)


def _leads(clean) -> pd.DataFrame:
    """Leads created on or before the as-of date with created_month and is_customer."""
    leads = clean.leads
    leads = leads[leads["created_at"] < _as_of_end(clean)].copy()
    leads["created_month"] = month_start(leads["created_at"])
    customers = set(customer_acquisitions(clean)["account_id"])
    leads["is_customer"] = leads["converted_account_id"].isin(customers) & leads["converted_account_id"].notna()
    return leads.reset_index(drop=True)


def _stage_history(clean) -> pd.DataFrame:
    """lead_stage_history entries on or before the as-of date."""
    hist = clean.lead_stage_history
    return hist[hist["entered_at"] < _as_of_end(clean)]


def _lead_lifecycle(clean) -> pd.DataFrame:
    """Per lead (of _leads): latest_stage and reached_<stage> flags."""
    leads = _leads(clean)
    hist = _stage_history(clean)
    hist = hist[hist["lead_id"].isin(leads["lead_id"])].copy()
    hist["rank"] = hist["stage"].map(TIE_RANK)
    latest = (hist.sort_values(["lead_id", "entered_at", "rank"])
              .groupby("lead_id", as_index=False).tail(1)[["lead_id", "stage"]]
              .rename(columns={"stage": "latest_stage"}))
    out = leads.merge(latest, on="lead_id", how="left")
    has_history = out["latest_stage"].notna()
    out["latest_stage"] = out["latest_stage"].fillna("lead")
    reached = set(zip(hist["lead_id"], hist["stage"]))
    for stage in STAGES:
        out[f"reached_{stage}"] = pd.Series([(lead, stage) in reached for lead in out["lead_id"]],
                                            index=out.index, dtype=bool)
    out.loc[~has_history, "reached_lead"] = True
    return out


def _by_month(df: pd.DataFrame, month_col: str, clean, **aggs) -> pd.DataFrame:
    """Aggregate df per `month_col` (named aggregations of boolean/number columns) onto the
    month spine, 0 where no row."""
    if df.empty:
        grouped = pd.DataFrame({"month": pd.Series([], dtype="datetime64[ns]"),
                                **{name: pd.Series([], dtype=float) for name in aggs}})
    else:
        grouped = df.groupby(month_col).agg(**aggs).reset_index().rename(columns={month_col: "month"})
    return reindex_months(grouped, clean, fill=0)


def _lead_touches(clean) -> pd.DataFrame:
    """Per lead (of _leads): first touch time/type, touches before conversion, response flags."""
    leads = _leads(clean)
    acts = clean.activities
    out_acts = acts[(acts["direction"] == "outbound") & acts["lead_id"].notna()]
    first = (out_acts.sort_values(["lead_id", "occurred_at", "activity_id"])
             .groupby("lead_id", as_index=False).head(1)
             [["lead_id", "occurred_at", "activity_type"]]
             .rename(columns={"occurred_at": "first_touch_at", "activity_type": "first_touch_type"}))
    leads = leads.merge(first, on="lead_id", how="left")
    leads["first_touch_month"] = month_start(leads["first_touch_at"])
    leads["is_contacted"] = leads["first_touch_at"].notna()
    conv = out_acts.merge(leads[["lead_id", "converted_at"]], on="lead_id", how="inner")
    before = conv[conv["converted_at"].isna() | (conv["occurred_at"] < conv["converted_at"])]
    touches = before.groupby("lead_id").size()
    leads["touches"] = leads["lead_id"].map(touches).fillna(0).astype(int)
    leads["touches_bucket"] = leads["touches"].map(_bucket)
    resp = _responses(clean)
    pos = set(resp.loc[resp["is_positive"], "lead_id"])
    neg = set(resp.loc[resp["is_negative"], "lead_id"])
    leads["has_positive"] = leads["lead_id"].isin(pos)
    leads["has_negative"] = leads["lead_id"].isin(neg)
    return leads


def _bucket(n: int) -> object:
    if n <= 0:
        return None
    if n == 1:
        return "1"
    if n <= 4:
        return "2-4"
    if n <= 9:
        return "5-9"
    return "10+"


def _responses(clean) -> pd.DataFrame:
    """Prospect responses: inbound activities on a lead with a response outcome."""
    acts = clean.activities
    resp = acts[(acts["direction"] == "inbound") & acts["lead_id"].notna()
                & acts["outcome"].isin(RESPONSE_OUTCOMES)].copy()
    resp["month"] = month_start(resp["occurred_at"])
    resp["is_positive"] = resp["outcome"].isin(POSITIVE_OUTCOMES)
    resp["is_negative"] = resp["outcome"] == "negative_reply"
    resp["is_meeting"] = resp["outcome"] == "meeting_booked"
    return resp


def _campaign_spend(clean) -> pd.DataFrame:
    """Per campaign: spend_amount (expenses else budget, reporting currency), leads, customer_leads."""
    camps = clean.campaigns[["campaign_id", "budget_reporting"]].copy()
    exp = clean.sales_marketing_expenses
    exp = exp[exp["campaign_id"].notna() & (exp["expense_month"] <= clean.as_of_date)]
    expenses = exp.groupby("campaign_id")["amount_reporting"].agg(["sum", "size"])
    camps["expense_amount"] = camps["campaign_id"].map(expenses["sum"])
    camps["expense_count"] = camps["campaign_id"].map(expenses["size"]).fillna(0)
    camps["budget_amount"] = camps["budget_reporting"]
    camps["spend_amount"] = np.where(camps["expense_count"] > 0, camps["expense_amount"], camps["budget_amount"])
    leads = _leads(clean)
    per = leads.groupby("campaign_id").agg(leads=("lead_id", "size"), customer_leads=("is_customer", "sum"))
    camps["leads"] = camps["campaign_id"].map(per["leads"]).fillna(0)
    camps["customer_leads"] = camps["campaign_id"].map(per["customer_leads"]).fillna(0)
    return camps


# --------------------------------------------------------------------------- KPIs

def new_leads(clean) -> pd.DataFrame:
    """Leads created per month (lead cohort)."""
    df = _by_month(_leads(clean), "created_month", clean, leads=("lead_id", "size"))
    return headline(df, ["month"], "leads")


def lifecycle_stage_distribution(clean) -> pd.DataFrame:
    """Per stage: leads whose latest stage it is / all leads * 100."""
    life = _lead_lifecycle(clean)
    counts = life["latest_stage"].value_counts()
    df = pd.DataFrame({"stage": STAGES})
    df["latest"] = df["stage"].map(counts).fillna(0)
    df["pct"] = pct(df["latest"], pd.Series(len(life), index=df.index))
    return headline(df, ["stage"], "pct")


def lead_conversion_rate(clean) -> pd.DataFrame:
    """Leads of the cohort month that became customers / leads * 100."""
    df = _by_month(_leads(clean), "created_month", clean,
                   leads=("lead_id", "size"), customers=("is_customer", "sum"))
    df["rate"] = pct(df["customers"], df["leads"])
    return headline(df, ["month"], "rate")


def _stage_to_customer(clean, stage: str) -> pd.DataFrame:
    life = _lead_lifecycle(clean)
    life = life.loc[life[f"reached_{stage}"].astype(bool)].copy()
    life["both"] = life["reached_customer"]
    df = _by_month(life, "created_month", clean, reached=("lead_id", "size"), customers=("both", "sum"))
    df["rate"] = pct(df["customers"], df["reached"])
    return headline(df, ["month"], "rate")


def mql_to_customer_rate(clean) -> pd.DataFrame:
    """Of the cohort's leads that reached mql, share that reached customer (stage history)."""
    return _stage_to_customer(clean, "mql")


def sql_to_customer_rate(clean) -> pd.DataFrame:
    """Of the cohort's leads that reached sql, share that reached customer (stage history)."""
    return _stage_to_customer(clean, "sql")


def conversion_by_source(clean) -> pd.DataFrame:
    """Per source (every contract source, plus 'unknown' when some lead has none): rate."""
    leads = _leads(clean)
    leads["source"] = leads["source"].fillna("unknown")
    per = leads.groupby("source").agg(leads=("lead_id", "size"), customers=("is_customer", "sum"))
    sources = SOURCES + (["unknown"] if "unknown" in per.index else [])
    df = pd.DataFrame({"source": sources})
    df["leads"] = df["source"].map(per["leads"]).fillna(0)
    df["customers"] = df["source"].map(per["customers"]).fillna(0)
    df["rate"] = pct(df["customers"], df["leads"])
    return headline(df, ["source"], "rate")


def marketing_vs_sales_leads(clean) -> pd.DataFrame:
    """Marketing leads / (marketing + sales leads) * 100 per cohort month."""
    leads = _leads(clean)
    leads["is_marketing"] = leads["origin"] == "marketing"
    leads["is_sales"] = leads["origin"] == "sales"
    df = _by_month(leads, "created_month", clean, marketing=("is_marketing", "sum"), sales=("is_sales", "sum"))
    df["share"] = pct(df["marketing"], df["marketing"] + df["sales"])
    return headline(df, ["month"], "share")


def lead_response_time(clean) -> pd.DataFrame:
    """Mean hours from created_at to first touch over touched leads, per cohort month."""
    leads = _lead_touches(clean)
    leads["hours"] = hours_between(leads["created_at"], leads["first_touch_at"])
    touched = leads.loc[leads["is_contacted"].astype(bool)]
    df = _by_month(touched, "created_month", clean, hours=("hours", "sum"), touched=("lead_id", "size"))
    df["mean"] = safe_div(df["hours"], df["touched"])
    return headline(df, ["month"], "mean")


def leads_followed_up(clean) -> pd.DataFrame:
    """Leads with at least one outbound activity / leads * 100, per cohort month."""
    leads = _lead_touches(clean)
    df = _by_month(leads, "created_month", clean, leads=("lead_id", "size"), followed=("is_contacted", "sum"))
    df["rate"] = pct(df["followed"], df["leads"])
    return headline(df, ["month"], "rate")


def prospect_response_rates(clean) -> pd.DataFrame:
    """Contacted leads with a positive response (any time) / contacted, per first-touch month."""
    leads = _lead_touches(clean)
    leads = leads.loc[leads["is_contacted"].astype(bool)]
    df = _by_month(leads, "first_touch_month", clean, contacted=("lead_id", "size"), positive=("has_positive", "sum"))
    df["rate"] = pct(df["positive"], df["contacted"])
    return headline(df, ["month"], "rate")


def meeting_acceptance_rate(clean) -> pd.DataFrame:
    """Responses with outcome meeting_booked / prospect responses * 100, per response month."""
    resp = _responses(clean)
    df = _by_month(resp, "month", clean, responses=("activity_id", "size"), meetings=("is_meeting", "sum"))
    df["rate"] = pct(df["meetings"], df["responses"])
    return headline(df, ["month"], "rate")


def customer_acquisition_rate(clean) -> pd.DataFrame:
    """Leads first touched in the month that became customers / leads first touched * 100."""
    leads = _lead_touches(clean)
    leads = leads.loc[leads["is_contacted"].astype(bool)]
    df = _by_month(leads, "first_touch_month", clean, contacted=("lead_id", "size"), customers=("is_customer", "sum"))
    df["rate"] = pct(df["customers"], df["contacted"])
    return headline(df, ["month"], "rate")


def conversion_by_touches(clean) -> pd.DataFrame:
    """Per touches_bucket (all four): prospects that became customers / prospects * 100."""
    leads = _lead_touches(clean)
    leads = leads.loc[leads["is_contacted"].astype(bool) & leads["touches_bucket"].notna()]
    per = leads.groupby("touches_bucket").agg(prospects=("lead_id", "size"), customers=("is_customer", "sum"))
    df = pd.DataFrame({"touches_bucket": BUCKETS})
    df["prospects"] = df["touches_bucket"].map(per["prospects"]).fillna(0)
    df["customers"] = df["touches_bucket"].map(per["customers"]).fillna(0)
    df["rate"] = pct(df["customers"], df["prospects"])
    return headline(df, ["touches_bucket"], "rate")


def customer_lifecycle_length(clean) -> pd.DataFrame:
    """Mean days from the account's earliest converted lead's created_at to its acquisition
    date, per acquisition month (accounts with at least one converted lead)."""
    acq = customer_acquisitions(clean)
    leads = _leads(clean)
    leads = leads[leads["converted_account_id"].notna()]
    earliest = leads.groupby("converted_account_id")["created_at"].min().rename("first_lead_at")
    acq = acq.merge(earliest, left_on="account_id", right_index=True, how="inner")
    acq["days"] = days_between(acq["first_lead_at"], acq["acquisition_date"])
    df = _by_month(acq, "acquisition_month", clean, days=("days", "sum"), customers=("account_id", "size"))
    df["mean"] = safe_div(df["days"], df["customers"])
    return headline(df, ["month"], "mean")


def cost_per_lead(clean) -> pd.DataFrame:
    """Per campaign: spend / leads of the campaign."""
    camps = _campaign_spend(clean)
    camps["value"] = safe_div(camps["spend_amount"].astype(float), camps["leads"])
    return headline(camps, ["campaign_id"], "value")


def cost_per_acquisition(clean) -> pd.DataFrame:
    """Per campaign: spend / leads of the campaign that became customers."""
    camps = _campaign_spend(clean)
    camps["value"] = safe_div(camps["spend_amount"].astype(float), camps["customer_leads"])
    return headline(camps, ["campaign_id"], "value")


def referrals(clean) -> pd.DataFrame:
    """New customers of the month whose account's acquisition_source is referral."""
    acq = customer_acquisitions(clean, through_as_of=False)
    acq["is_referral"] = acq["acquisition_source"] == "referral"
    df = _by_month(acq, "acquisition_month", clean, referral=("is_referral", "sum"))
    return headline(df, ["month"], "referral")


def new_customers(clean) -> pd.DataFrame:
    """Accounts whose acquisition date falls in the month."""
    df = _by_month(customer_acquisitions(clean, through_as_of=False), "acquisition_month", clean, customers=("account_id", "size"))
    return headline(df, ["month"], "customers")


KPIS: dict[str, Callable[[object], pd.DataFrame]] = {
    "new_leads": new_leads,
    "lifecycle_stage_distribution": lifecycle_stage_distribution,
    "lead_conversion_rate": lead_conversion_rate,
    "mql_to_customer_rate": mql_to_customer_rate,
    "sql_to_customer_rate": sql_to_customer_rate,
    "conversion_by_source": conversion_by_source,
    "marketing_vs_sales_leads": marketing_vs_sales_leads,
    "lead_response_time": lead_response_time,
    "leads_followed_up": leads_followed_up,
    "prospect_response_rates": prospect_response_rates,
    "meeting_acceptance_rate": meeting_acceptance_rate,
    "customer_acquisition_rate": customer_acquisition_rate,
    "conversion_by_touches": conversion_by_touches,
    "customer_lifecycle_length": customer_lifecycle_length,
    "cost_per_lead": cost_per_lead,
    "cost_per_acquisition": cost_per_acquisition,
    "referrals": referrals,
    "new_customers": new_customers,
}
