""""As known on the as-of date" (README "The as-of date"): nothing dated after the as-of
date has happened yet. `known(clean)` returns the `Clean` every KPI is computed from:

- a row of an event table counts only when its event date (the UTC date of a timestamp) is
  on or before the as-of date: activities.occurred_at, orders.ordered_at (order_lines follow
  their order), lead/opportunity stage entries' entered_at, quotes.sent_at, invoices.issued_at,
  nps/csat/employee survey responded_at, platform_usage.usage_date,
  competitor_prices.observed_on, sales_marketing_expenses.expense_month (the month's first
  day), forecasts.submitted_at (a forecast without it is kept);
- entities created after the as-of date do not exist yet: accounts.created_at (an account
  without it is kept), leads.created_at, subscriptions.started_on,
  opportunities.created_at, sales_reps.hire_date (a rep without it is kept);
- later events of a known row have not happened: a lead's conversion (converted_at and
  converted_account_id null), a subscription's end (ended_on null), a ticket's first
  response or resolution (null), a rep's termination (null);
- an opportunity is in its state of the as-of date: one that closes after it was open (no
  close_date); such a deal, and an open deal with stage entries after the as-of date, is in
  the stage of its last entry on or before it when that stage is an open one, else in the
  pipeline's first open stage (lowest stage_order, then name). Its amount is the current one
  (no history of amounts exists).

Tables without an event date (products, locations, campaigns, pipeline_stages, quotas,
commission_plans, fx_rates, contacts) are as loaded. Data without any event date has no
as-of date: nothing is cut then. Written from that text, in pandas.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from .loader import DATE_WINDOW

# table -> (date column, rows without a date are kept)
EVENT_DATE = {
    "activities": ("occurred_at", False),
    "orders": ("ordered_at", False),
    "lead_stage_history": ("entered_at", False),
    "opportunity_stage_history": ("entered_at", False),
    "quotes": ("sent_at", False),
    "invoices": ("issued_at", False),
    "nps_responses": ("responded_at", False),
    "csat_responses": ("responded_at", False),
    "employee_surveys": ("responded_at", False),
    "platform_usage": ("usage_date", False),
    "competitor_prices": ("observed_on", False),
    "sales_marketing_expenses": ("expense_month", False),
    "forecasts": ("submitted_at", True),
    "accounts": ("created_at", True),
    "leads": ("created_at", False),
    "subscriptions": ("started_on", False),
    "sales_reps": ("hire_date", True),
    "opportunities": ("created_at", False),
}

# table -> columns set to null when their date is after the as-of date (the first is the date)
LATER_EVENTS = {
    "leads": [("converted_at", ["converted_at", "converted_account_id"])],
    "subscriptions": [("ended_on", ["ended_on"])],
    "support_tickets": [("first_response_at", ["first_response_at"]), ("resolved_at", ["resolved_at"])],
    "sales_reps": [("termination_date", ["termination_date"])],
}


def _on_or_before(values: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    """True where the value's date is on or before as_of (False for a missing value or as_of)."""
    return pd.to_datetime(values).dt.normalize() <= as_of


def known(clean):
    """The `Clean` as known on clean.as_of_date (idempotent; cached on the object)."""
    if clean.__dict__.get("is_known"):
        return clean
    cached = clean.__dict__.get("_known")
    if cached is not None:
        return cached
    # no as-of date (no event date at all): nothing is dated after it, cut at the window's end
    as_of = DATE_WINDOW[1] if pd.isna(clean.as_of_date) else clean.as_of_date
    frames = dict(clean.frames)
    for table, (column, keep_missing) in EVENT_DATE.items():
        df = frames[table]
        keep = _on_or_before(df[column], as_of)
        if keep_missing:
            keep = keep | df[column].isna()
        frames[table] = df[keep.to_numpy()].reset_index(drop=True)
    frames["support_tickets"] = frames["support_tickets"][
        _on_or_before(frames["support_tickets"]["opened_at"], as_of).to_numpy()].reset_index(drop=True)
    frames["order_lines"] = frames["order_lines"][
        frames["order_lines"]["order_id"].isin(set(frames["orders"]["order_id"])).to_numpy()].reset_index(drop=True)
    for table, events in LATER_EVENTS.items():
        df = frames[table].copy()
        for date_column, columns in events:
            later = df[date_column].notna() & ~_on_or_before(df[date_column], as_of)
            for column in columns:
                df[column] = df[column].where(~later, None if df[column].dtype == object else pd.NaT)
        frames[table] = df
    frames["opportunities"] = _opportunities_as_of(frames["opportunities"], clean.opportunity_stage_history,
                                                   frames["opportunity_stage_history"], clean.pipeline_stages, as_of)
    result = dataclasses.replace(clean, frames=frames)
    result.__dict__["is_known"] = True
    clean.__dict__["_known"] = result
    return result


def _opportunities_as_of(opps: pd.DataFrame, all_history: pd.DataFrame, known_history: pd.DataFrame,
                         stages: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    opps = opps.copy()
    is_closed_stage = {row.stage: bool(row.is_closed) for row in stages.itertuples(index=False)}
    open_stages = stages[~stages["is_closed"].astype(bool)].sort_values(["stage_order", "stage"])
    first_open = open_stages["stage"].iloc[0] if len(open_stages) else None
    moved_later_ids = set(all_history.loc[~_on_or_before(all_history["entered_at"], as_of), "opportunity_id"])
    last_entry = known_history.sort_values("entered_at").groupby("opportunity_id")["stage"].last()
    closes_later = opps["close_date"].notna() & ~_on_or_before(opps["close_date"], as_of)
    moved_later = opps["close_date"].isna() & opps["opportunity_id"].isin(moved_later_ids)
    restated = closes_later | moved_later
    stage_then = []
    for opportunity_id, stage, again in zip(opps["opportunity_id"], opps["stage"], restated):
        if not again:
            stage_then.append(stage)
            continue
        last = last_entry.get(opportunity_id)
        stage_then.append(last if last is not None and is_closed_stage.get(last) is False else first_open)
    opps["stage"] = pd.Series(stage_then, index=opps.index, dtype=object)
    opps["close_date"] = opps["close_date"].where(~closes_later, pd.NaT)
    return opps
