"""Reference (plain pandas) implementation of the "Pipeline and deals" KPIs of
docs/KPI_CATALOG.md, written from the catalog's text and the documented choices of
models/marts/pipeline/_pipeline__models.yml and _pipeline__docs.md (and forecast_accuracy
of models/marts/team/_team__models.yml).

Documented choices followed here:
- won / lost / closed read the current stage (closed_won / closed_lost) and count by
  close_date month; a won deal with no amount counts as a deal and adds 0 to the amount;
- money is the staging `amount_reporting` twin (close_date rate when the deal has one,
  even in month-end snapshots taken before it closed, else the created_at rate);
- stage history is read as stays: only entries on or before the as-of date count, a stay
  ends at the opportunity's next entry (any stage), re-entries are new stays, days are
  whole calendar days between the UTC dates;
- month-end pipeline: complete months only; open = date(created_at) <= month end and
  close_date null or after it; stage = latest history entry on or before the month end,
  else the current stage (a data gap); 0 when nothing is open;
- quote_to_invoice_rate: an invoice with no status counts as non-void;
- forecast_accuracy: one row per forecasts row; actual = won amount of the rep's own deals
  (owner_rep_id) with close_date in [period_start, period_end], each at its own rate;
  NULL when the forecast is 0; running periods are kept.

Each function takes a `Clean` (tests/reference/README.md) and returns the headline
at the catalog's grain: the grain columns plus `value` (float, NaN for NULL).
"""

from __future__ import annotations

from typing import Callable

import pandas as pd

from .common import days_between, headline, month_spine, month_start, pct, reindex_months, safe_div

WON = "closed_won"
LOST = "closed_lost"


# --------------------------------------------------------------------------- helpers

def _day(values: pd.Series) -> pd.Series:
    """Date (midnight) of each timestamp/date."""
    return pd.to_datetime(values).dt.normalize()


def _lookup(keys: pd.Series, values: pd.Series) -> pd.Series:
    """values[key] for each key (NaT when missing), as datetimes aligned on keys' index."""
    found = values.astype("datetime64[ns]").reindex(keys.to_numpy())
    return pd.Series(found.to_numpy(), index=keys.index, dtype="datetime64[ns]")


def _opportunities(clean) -> pd.DataFrame:
    """Opportunities with their close month, created day/month, and won/lost flags."""
    opps = clean.opportunities.copy()
    opps["close_date"] = _day(opps["close_date"])
    opps["created_on"] = _day(opps["created_at"])
    opps["close_month"] = month_start(opps["close_date"])
    opps["created_month"] = month_start(opps["created_at"])
    opps["is_won"] = opps["stage"] == WON
    opps["is_lost"] = opps["stage"] == LOST
    opps["is_closed"] = opps["is_won"] | opps["is_lost"]
    return opps


def _closed(clean) -> pd.DataFrame:
    """Won or lost opportunities with a close_date (the ones counted by close month)."""
    opps = _opportunities(clean)
    return opps[opps["is_closed"] & opps["close_date"].notna()]


def _count_by_month(df: pd.DataFrame, month_col: str, clean, name: str = "n") -> pd.DataFrame:
    """Rows of df per month of `month_col`, on the spine (0 when none)."""
    counts = df.groupby(month_col).size().rename(name).reset_index().rename(columns={month_col: "month"})
    return reindex_months(counts, clean, fill=0)


def _closed_by_month(clean) -> pd.DataFrame:
    """Per spine month: won, lost, closed counts, won amount, cycle day sums."""
    closed = _closed(clean).copy()
    closed["cycle_days"] = days_between(closed["created_on"], closed["close_date"])
    closed["won_amount"] = closed["amount_reporting"].where(closed["is_won"], 0.0).fillna(0.0)
    closed["won_cycle_days"] = closed["cycle_days"].where(closed["is_won"], 0.0)
    agg = closed.groupby("close_month").agg(
        won=("is_won", "sum"), lost=("is_lost", "sum"), closed=("is_closed", "sum"),
        won_amount=("won_amount", "sum"), won_cycle_days=("won_cycle_days", "sum"),
        closed_cycle_days=("cycle_days", "sum"),
    ).reset_index().rename(columns={"close_month": "month"})
    return reindex_months(agg, clean, fill=0)


def _stage_history(clean) -> pd.DataFrame:
    """Opportunity stage history entries on or before the as-of date, ordered, with the
    next entry of the same opportunity (its stay's end) and the previous entry's stage."""
    hist = clean.opportunity_stage_history.copy()
    hist["entered_at"] = pd.to_datetime(hist["entered_at"])
    hist = hist[_day(hist["entered_at"]) <= clean.as_of_date]
    hist = hist.sort_values(["opportunity_id", "entered_at"]).reset_index(drop=True)
    grouped = hist.groupby("opportunity_id")
    hist["next_entered_at"] = grouped["entered_at"].shift(-1)
    hist["next_stage"] = grouped["stage"].shift(-1)
    hist["previous_stage"] = grouped["stage"].shift(1)
    return hist


def won_amount_in_periods(clean, periods: pd.DataFrame, rep_col: str = "rep_id") -> pd.Series:
    """Won amount (reporting currency, each deal at its own rate) of the rep's own deals
    (owner_rep_id) with close_date in [period_start, period_end], per row of `periods`."""
    won = _opportunities(clean)
    won = won[won["is_won"] & won["close_date"].notna()][["owner_rep_id", "close_date", "amount_reporting"]]
    rows = periods[[rep_col, "period_start", "period_end"]].reset_index(drop=True).copy()
    rows["_row"] = range(len(rows))
    pairs = rows.merge(won, left_on=rep_col, right_on="owner_rep_id", how="inner")
    pairs = pairs[(pairs["close_date"] >= _day(pairs["period_start"]))
                  & (pairs["close_date"] <= _day(pairs["period_end"]))]
    sums = pairs.groupby("_row")["amount_reporting"].sum(min_count=0)
    out = pd.Series(0.0, index=range(len(rows)))
    out.loc[sums.index] = sums.fillna(0.0).to_numpy()
    out.index = periods.index
    return out


# --------------------------------------------------------------------------- KPIs

def win_rate(clean) -> pd.DataFrame:
    """won / (won + lost) x 100, closed in the month."""
    m = _closed_by_month(clean)
    m["value"] = pct(m["won"], m["closed"])
    return headline(m, ["month"], "value")


def close_ratio(clean) -> pd.DataFrame:
    """won in the month / opportunities open at any time in the month x 100."""
    opps = _opportunities(clean)
    spine = month_spine(clean)
    spine["month_end"] = spine["month"] + pd.offsets.MonthEnd(0)
    open_counts = []
    for start, end in zip(spine["month"], spine["month_end"]):
        is_open = (opps["created_on"] <= end) & (opps["close_date"].isna() | (opps["close_date"] >= start))
        open_counts.append(int(is_open.sum()))
    spine["open_in_month"] = open_counts
    m = spine.merge(_closed_by_month(clean)[["month", "won"]], on="month", how="left")
    m["value"] = pct(m["won"], m["open_in_month"])
    return headline(m, ["month"], "value")


def win_loss_ratio(clean) -> pd.DataFrame:
    """won / lost, closed in the month."""
    m = _closed_by_month(clean)
    m["value"] = safe_div(m["won"], m["lost"])
    return headline(m, ["month"], "value")


def average_deal_size(clean) -> pd.DataFrame:
    """won amount / won count, by close month."""
    m = _closed_by_month(clean)
    m["value"] = safe_div(m["won_amount"], m["won"])
    return headline(m, ["month"], "value")


def sales_cycle_length(clean) -> pd.DataFrame:
    """Mean days created_at -> close_date of won deals, by close month."""
    m = _closed_by_month(clean)
    m["value"] = safe_div(m["won_cycle_days"], m["won"])
    return headline(m, ["month"], "value")


def sales_cycle_length_all_closed(clean) -> pd.DataFrame:
    """Mean days created_at -> close_date of won and lost deals, by close month."""
    m = _closed_by_month(clean)
    m["value"] = safe_div(m["closed_cycle_days"], m["closed"])
    return headline(m, ["month"], "value")


def days_to_close_from_first_touch(clean) -> pd.DataFrame:
    """Mean days from the start (earlier of created_at and the first activity carrying the
    opportunity_id or the opportunity's lead_id) to close_date, won deals by close month."""
    won = _closed(clean)
    won = won[won["is_won"]][["opportunity_id", "lead_id", "created_at", "close_date", "close_month"]]
    acts = clean.activities[["opportunity_id", "lead_id", "occurred_at"]]
    by_opp = acts.dropna(subset=["opportunity_id"]).groupby("opportunity_id")["occurred_at"].min()
    by_lead = acts.dropna(subset=["lead_id"]).groupby("lead_id")["occurred_at"].min()
    first_opp = _lookup(won["opportunity_id"], by_opp)
    first_lead = _lookup(won["lead_id"], by_lead)
    start = pd.concat([pd.to_datetime(won["created_at"]), first_opp, first_lead], axis=1).min(axis=1)
    won = won.assign(days=days_between(start, won["close_date"]))
    agg = won.groupby("close_month")["days"].mean().rename("value").reset_index().rename(
        columns={"close_month": "month"})
    m = reindex_months(agg, clean, fill=None)
    return headline(m, ["month"], "value")


def time_in_stage(clean) -> pd.DataFrame:
    """Per stage: mean whole days per ended stay (open stays excluded)."""
    hist = _stage_history(clean)
    ended = hist[hist["next_entered_at"].notna()].copy()
    ended["days"] = days_between(ended["entered_at"], ended["next_entered_at"])
    means = ended.groupby("stage")["days"].mean().rename("value")
    stages = clean.pipeline_stages[["stage"]].drop_duplicates()
    out = stages.merge(means.reset_index(), on="stage", how="left")
    return headline(out, ["stage"], "value")


def funnel_leakage(clean) -> pd.DataFrame:
    """Per open stage: opportunities lost straight from it / opportunities that reached it x 100."""
    hist = _stage_history(clean)
    reached = hist.groupby("stage")["opportunity_id"].nunique().rename("reached")
    lost = (hist[hist["next_stage"] == LOST].groupby("stage")["opportunity_id"].nunique().rename("lost"))
    stages = clean.pipeline_stages
    open_stages = stages.loc[~stages["is_closed"].astype(bool), ["stage"]].drop_duplicates()
    out = open_stages.merge(reached.reset_index(), on="stage", how="left").merge(
        lost.reset_index(), on="stage", how="left").fillna({"reached": 0, "lost": 0})
    out["value"] = pct(out["lost"], out["reached"])
    return headline(out, ["stage"], "value")


def _month_end_snapshots(clean) -> pd.DataFrame:
    """One row per complete month and opportunity open on its last day, with the stage it was
    in at the end of that day (latest history entry by then, else its current stage)."""
    opps = _opportunities(clean)
    hist = _stage_history(clean)
    rows = []
    for month in month_spine(clean, complete_only=True)["month"]:
        end = month + pd.offsets.MonthEnd(0)
        is_open = (opps["created_on"] <= end) & (opps["close_date"].isna() | (opps["close_date"] > end))
        snap = opps.loc[is_open, ["opportunity_id", "stage", "amount_reporting"]].copy()
        by_then = hist[_day(hist["entered_at"]) <= end]
        latest = by_then.sort_values("entered_at").groupby("opportunity_id")["stage"].last()
        snap["stage"] = snap["opportunity_id"].map(latest).fillna(snap["stage"])
        snap["month"] = month
        snap["month_end"] = end
        rows.append(snap)
    if not rows:
        return pd.DataFrame(columns=["month", "month_end", "opportunity_id", "stage", "amount_reporting"])
    return pd.concat(rows, ignore_index=True)


def pipeline_value(clean) -> pd.DataFrame:
    """Open amount at each complete month end."""
    snaps = _month_end_snapshots(clean)
    agg = snaps.groupby("month")["amount_reporting"].sum().rename("value").reset_index()
    m = reindex_months(agg, clean, fill=0, complete_only=True)
    return headline(m, ["month"], "value")


def weighted_pipeline_value(clean) -> pd.DataFrame:
    """Open amount at month end x default_probability of the stage it was in then."""
    snaps = _month_end_snapshots(clean)
    prob = clean.pipeline_stages.set_index("stage")["default_probability"].astype(float)
    snaps["weighted"] = snaps["amount_reporting"].astype(float) * snaps["stage"].map(prob)
    agg = snaps.groupby("month")["weighted"].sum().rename("value").reset_index()
    m = reindex_months(agg, clean, fill=0, complete_only=True)
    return headline(m, ["month"], "value")


def opportunities_created(clean) -> pd.DataFrame:
    """Opportunities by created_at month."""
    m = _count_by_month(_opportunities(clean), "created_month", clean)
    return headline(m, ["month"], "n")


def deals_won(clean) -> pd.DataFrame:
    """Won deals by close month."""
    m = _closed_by_month(clean)
    return headline(m, ["month"], "won")


def opportunities_per_lead(clean) -> pd.DataFrame:
    """Opportunities created / leads created, each by its own created_at month."""
    opps = _count_by_month(_opportunities(clean), "created_month", clean, "opps")
    leads = clean.leads.assign(month=month_start(clean.leads["created_at"]))
    leads = _count_by_month(leads, "month", clean, "leads")
    m = opps.merge(leads, on="month")
    m["value"] = safe_div(m["opps"], m["leads"])
    return headline(m, ["month"], "value")


def proposals_sent(clean) -> pd.DataFrame:
    """Quotes by sent_at month, whatever their status."""
    quotes = clean.quotes.assign(month=month_start(clean.quotes["sent_at"]))
    m = _count_by_month(quotes, "month", clean)
    return headline(m, ["month"], "n")


def quote_to_invoice_rate(clean) -> pd.DataFrame:
    """Quotes sent in the month with a non-void invoice / quotes sent x 100."""
    invoices = clean.invoices
    non_void = invoices[invoices["status"].isna() | (invoices["status"] != "void")]
    invoiced_ids = set(non_void["quote_id"].dropna())
    quotes = clean.quotes.assign(month=month_start(clean.quotes["sent_at"]),
                                 invoiced=clean.quotes["quote_id"].isin(invoiced_ids))
    agg = quotes.groupby("month").agg(sent=("quote_id", "size"), invoiced=("invoiced", "sum")).reset_index()
    m = reindex_months(agg, clean, fill=0)
    m["value"] = pct(m["invoiced"], m["sent"])
    return headline(m, ["month"], "value")


def product_demos(clean) -> pd.DataFrame:
    """Demo activities by occurred_at month."""
    acts = clean.activities
    demos = acts[acts["activity_type"] == "demo"]
    demos = demos.assign(month=month_start(demos["occurred_at"]))
    m = _count_by_month(demos, "month", clean)
    return headline(m, ["month"], "n")


def demo_to_close_rate(clean) -> pd.DataFrame:
    """Won / closed among closed opportunities with a demo carrying their id, by close month."""
    acts = clean.activities
    demo_opps = set(acts.loc[acts["activity_type"] == "demo", "opportunity_id"].dropna())
    closed = _closed(clean)
    closed = closed[closed["opportunity_id"].isin(demo_opps)]
    agg = closed.groupby("close_month").agg(closed=("is_closed", "sum"), won=("is_won", "sum")).reset_index()
    m = reindex_months(agg.rename(columns={"close_month": "month"}), clean, fill=0)
    m["value"] = pct(m["won"], m["closed"])
    return headline(m, ["month"], "value")


def forecast_accuracy(clean) -> pd.DataFrame:
    """Per forecasts row: (1 - abs(actual - forecast) / forecast) x 100, not floored."""
    fc = clean.forecasts.copy()
    fc["period_start"] = _day(fc["period_start"])
    fc["period_end"] = _day(fc["period_end"])
    actual = won_amount_in_periods(clean, fc)
    forecast = fc["forecast_amount_reporting"].astype(float)
    fc["value"] = (1 - safe_div((actual - forecast).abs(), forecast)) * 100
    return headline(fc, ["rep_id", "period_start"], "value")


KPIS: dict[str, Callable[..., pd.DataFrame]] = {
    "win_rate": win_rate,
    "close_ratio": close_ratio,
    "win_loss_ratio": win_loss_ratio,
    "average_deal_size": average_deal_size,
    "sales_cycle_length": sales_cycle_length,
    "sales_cycle_length_all_closed": sales_cycle_length_all_closed,
    "days_to_close_from_first_touch": days_to_close_from_first_touch,
    "time_in_stage": time_in_stage,
    "funnel_leakage": funnel_leakage,
    "pipeline_value": pipeline_value,
    "weighted_pipeline_value": weighted_pipeline_value,
    "opportunities_created": opportunities_created,
    "deals_won": deals_won,
    "opportunities_per_lead": opportunities_per_lead,
    "proposals_sent": proposals_sent,
    "quote_to_invoice_rate": quote_to_invoice_rate,
    "product_demos": product_demos,
    "demo_to_close_rate": demo_to_close_rate,
    "forecast_accuracy": forecast_accuracy,
}

__all__ = ["KPIS", *KPIS]
