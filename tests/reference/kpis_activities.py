"""Reference (plain pandas) implementation of the "Activities and effort" KPIs of
docs/KPI_CATALOG.md, written from the catalog's text and the documented choices of
models/marts/activities/_activities__models.yml and _activities__docs.md.

Documented choices followed here:
- per-rep views run on a (month, rep_id) grid: every spine month for every rep employed
  at some point in it (hire_date on or before its last day, termination_date null or on
  or after its first day), plus any rep-month with an activity or a won deal; activities
  without a rep_id are in no per-rep row;
- time_on_sales_activities: the grid x the eight activity types, missing durations add 0;
- social_engagement: every spine month x the four social kinds; only activity_type
  social_engagement, with a social_kind;
- touches_per_deal: closed deals by current stage (any close date), both outcomes always;
- existing_customer_engagement: customer accounts acquired on or before the as-of date;
  churn date = the latest ended_on of the subscriptions started on or before the as-of
  date when none is active at it; interactions from the acquisition date to the as-of date;
- customer_inquiry_response_time: every spine month x phone, email, chat.

Each function takes a `Clean` (tests/reference/README.md) and returns the headline at
the catalog's grain: the grain columns plus `value` (float, NaN for NULL).
"""

from __future__ import annotations

from typing import Callable

import pandas as pd

from .common import headline, hours_between, month_spine, month_start, safe_div
from .kpis_leads import customer_acquisitions

ACTIVITY_TYPES = ["call", "email", "meeting", "video_meeting", "demo", "follow_up",
                  "networking_event", "social_engagement"]
SOCIAL_KINDS = ["like", "comment", "share", "direct_message"]
CHANNELS = ["phone", "email", "chat"]
TOUCH_TYPES = {"calls": ["call"], "emails": ["email"], "meetings": ["meeting", "video_meeting"], "demos": ["demo"]}


# --------------------------------------------------------------------------- helpers

def _day(values: pd.Series) -> pd.Series:
    """Date (midnight) of each timestamp/date."""
    return pd.to_datetime(values).dt.normalize()


def _rep_activities(clean) -> pd.DataFrame:
    """Activities with a rep_id, with their occurred_at month."""
    acts = clean.activities
    acts = acts[acts["rep_id"].notna()].copy()
    acts["month"] = month_start(acts["occurred_at"])
    return acts


def _won_deals(clean) -> pd.DataFrame:
    """Won opportunities with an owner and a close date: owner_rep_id as rep_id, close month."""
    opps = clean.opportunities
    won = opps[(opps["stage"] == "closed_won") & opps["close_date"].notna() & opps["owner_rep_id"].notna()].copy()
    won["rep_id"] = won["owner_rep_id"]
    won["month"] = month_start(won["close_date"])
    return won


def rep_month_grid(clean) -> pd.DataFrame:
    """(month, rep_id) rows: employment span on the spine plus rep-months with an activity or
    a won deal (within the spine)."""
    spine = month_spine(clean)
    reps = clean.sales_reps[["rep_id", "hire_date", "termination_date"]]
    grid = spine.merge(reps, how="cross")
    month_end = grid["month"] + pd.offsets.MonthEnd(0)
    employed = (grid["hire_date"] <= month_end) & (
        grid["termination_date"].isna() | (grid["termination_date"] >= grid["month"]))
    grid = grid.loc[employed, ["month", "rep_id"]]
    extra = pd.concat([_rep_activities(clean)[["month", "rep_id"]], _won_deals(clean)[["month", "rep_id"]]])
    extra = extra[extra["month"].isin(spine["month"])]
    return pd.concat([grid, extra]).drop_duplicates().sort_values(["month", "rep_id"]).reset_index(drop=True)


def _per_rep_month(clean, acts: pd.DataFrame, value: str, how: str) -> pd.DataFrame:
    """Aggregate acts per (month, rep_id) on the grid; `how` 'size' or 'sum' of duration."""
    grid = rep_month_grid(clean)
    if how == "size":
        agg = acts.groupby(["month", "rep_id"]).size().rename(value)
    else:
        agg = acts.groupby(["month", "rep_id"])["duration_minutes"].sum(min_count=0).rename(value)
    out = grid.merge(agg.reset_index(), on=["month", "rep_id"], how="left")
    out[value] = out[value].fillna(0).astype(float)
    return out


# --------------------------------------------------------------------------- KPIs

def activities_by_type(clean) -> pd.DataFrame:
    """All activities per rep and month (any type and direction)."""
    df = _per_rep_month(clean, _rep_activities(clean), "activities", "size")
    return headline(df, ["month", "rep_id"], "activities")


def time_on_sales_activities(clean) -> pd.DataFrame:
    """Sum of duration_minutes per rep, month and activity_type (0 when none)."""
    grid = rep_month_grid(clean).merge(pd.DataFrame({"activity_type": ACTIVITY_TYPES}), how="cross")
    acts = _rep_activities(clean)
    agg = acts.groupby(["month", "rep_id", "activity_type"])["duration_minutes"].sum().rename("minutes")
    out = grid.merge(agg.reset_index(), on=["month", "rep_id", "activity_type"], how="left")
    out["minutes"] = out["minutes"].fillna(0.0)
    return headline(out, ["month", "rep_id", "activity_type"], "minutes")


def networking_events(clean) -> pd.DataFrame:
    """networking_event activities per rep and month."""
    acts = _rep_activities(clean)
    acts = acts[acts["activity_type"] == "networking_event"]
    df = _per_rep_month(clean, acts, "events", "size")
    return headline(df, ["month", "rep_id"], "events")


def social_engagement(clean) -> pd.DataFrame:
    """social_engagement activities per month and social_kind (every month x the four kinds)."""
    acts = clean.activities
    acts = acts[(acts["activity_type"] == "social_engagement") & acts["social_kind"].notna()].copy()
    acts["month"] = month_start(acts["occurred_at"])
    agg = acts.groupby(["month", "social_kind"]).size().rename("engagements").reset_index()
    grid = month_spine(clean).merge(pd.DataFrame({"social_kind": SOCIAL_KINDS}), how="cross")
    out = grid.merge(agg, on=["month", "social_kind"], how="left")
    out["engagements"] = out["engagements"].fillna(0)
    return headline(out, ["month", "social_kind"], "engagements")


def _touches_per_deal_table(clean) -> pd.DataFrame:
    """Per deal_outcome: closed deals, activities and per-type counts, and the ratios."""
    opps = clean.opportunities
    outcome = opps["stage"].map({"closed_won": "won", "closed_lost": "lost"})
    closed = opps.assign(deal_outcome=outcome).dropna(subset=["deal_outcome"])[["opportunity_id", "deal_outcome"]]
    acts = clean.activities
    acts = acts[acts["opportunity_id"].notna()].merge(closed, on="opportunity_id", how="inner")
    rows = []
    for name in ["won", "lost"]:
        deals = int((closed["deal_outcome"] == name).sum())
        mine = acts[acts["deal_outcome"] == name]
        row = {"deal_outcome": name, "closed_deals": deals,
               "activities_per_deal_ratio": safe_div(len(mine), deals)}
        for col, types in TOUCH_TYPES.items():
            row[f"{col}_per_deal_ratio"] = safe_div(int(mine["activity_type"].isin(types).sum()), deals)
        rows.append(row)
    return pd.DataFrame(rows)


def touches_per_deal(clean) -> pd.DataFrame:
    """Mean activities (carrying the opportunity_id) per closed deal, per deal_outcome."""
    return headline(_touches_per_deal_table(clean), ["deal_outcome"], "activities_per_deal_ratio")


def sales_activity_ratio(clean) -> pd.DataFrame:
    """Activities of the rep in the month / deals the rep owns won in the month."""
    df = _per_rep_month(clean, _rep_activities(clean), "activities", "size")
    won = _won_deals(clean).groupby(["month", "rep_id"]).size().rename("won").reset_index()
    df = df.merge(won, on=["month", "rep_id"], how="left")
    df["won"] = df["won"].fillna(0)
    df["ratio"] = safe_div(df["activities"], df["won"])
    return headline(df, ["month", "rep_id"], "ratio")


def _customer_relationships(clean) -> pd.DataFrame:
    """Per customer account: acquisition month, end month, relationship months, interactions."""
    as_of = clean.as_of_date
    acq = customer_acquisitions(clean)[["account_id", "acquisition_date", "acquisition_month"]].copy()
    subs = clean.subscriptions
    subs = subs[subs["started_on"] <= as_of]
    active = subs[subs["ended_on"].isna() | (subs["ended_on"] > as_of)]
    last_end = subs.groupby("account_id", as_index=False)["ended_on"].max().rename(columns={"ended_on": "last_end"})
    acq = acq.merge(last_end, on="account_id", how="left")
    has_subs = acq["account_id"].isin(subs["account_id"])
    is_active = acq["account_id"].isin(active["account_id"])
    acq["churn_date"] = acq["last_end"].where(has_subs & ~is_active)
    # no as-of date (no event at all) means no customer either: nothing to fill
    acq["end_month"] = month_start(acq["churn_date"]).fillna(month_start(as_of) if pd.notna(as_of) else pd.NaT)
    acq["relationship_months"] = ((acq["end_month"].dt.year - acq["acquisition_month"].dt.year) * 12
                                  + acq["end_month"].dt.month - acq["acquisition_month"].dt.month + 1)
    acts = clean.activities
    acts = acts[acts["account_id"].notna()].copy()
    acts["day"] = _day(acts["occurred_at"])
    acts = acts[acts["day"] <= as_of].merge(acq[["account_id", "acquisition_date"]], on="account_id")
    acts = acts[acts["day"] >= acts["acquisition_date"]]
    acq["interactions"] = acq["account_id"].map(acts.groupby("account_id").size()).fillna(0)
    acq["ratio"] = safe_div(acq["interactions"], acq["relationship_months"])
    ranked = acq.sort_values(["relationship_months", "account_id"], ascending=[False, True])
    acq["tenure_rank"] = pd.Series(range(1, len(ranked) + 1), index=ranked.index)
    acq["is_top_10_tenured"] = acq["tenure_rank"] <= 10
    return acq


def existing_customer_engagement(clean) -> pd.DataFrame:
    """Interactions per relationship month, per customer account."""
    return headline(_customer_relationships(clean), ["account_id"], "ratio")


def customer_inquiry_response_time(clean) -> pd.DataFrame:
    """Mean minutes from opened_at to first_response_at of inquiry tickets, per month and channel."""
    tickets = clean.support_tickets
    tickets = tickets[(tickets["ticket_type"] == "inquiry") & tickets["channel"].notna()].copy()
    tickets["month"] = month_start(tickets["opened_at"])
    tickets["minutes"] = hours_between(tickets["opened_at"], tickets["first_response_at"]) * 60
    agg = tickets.groupby(["month", "channel"])["minutes"].mean().rename("mean").reset_index()
    grid = month_spine(clean).merge(pd.DataFrame({"channel": CHANNELS}), how="cross")
    out = grid.merge(agg, on=["month", "channel"], how="left")
    return headline(out, ["month", "channel"], "mean")


KPIS: dict[str, Callable[[object], pd.DataFrame]] = {
    "activities_by_type": activities_by_type,
    "time_on_sales_activities": time_on_sales_activities,
    "networking_events": networking_events,
    "social_engagement": social_engagement,
    "touches_per_deal": touches_per_deal,
    "sales_activity_ratio": sales_activity_ratio,
    "existing_customer_engagement": existing_customer_engagement,
    "customer_inquiry_response_time": customer_inquiry_response_time,
}
