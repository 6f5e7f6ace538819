"""Reference (plain pandas) implementation of the "Satisfaction and team" KPIs of
docs/KPI_CATALOG.md (forecast_accuracy lives in kpis_pipeline), written from the
catalog's text and the documented choices of models/marts/team/_team__models.yml and
_team__docs.md.

Documented choices followed here:
- NPS / eNPS / CSAT: every spine month, NULL without responses;
- quota KPIs: one row per quotas row; won amount = the rep's own closed_won deals
  (owner_rep_id) with close_date in [period_start, period_end], each at its close_date
  rate, vs the quota at its period_start rate; attainment NULL when the quota is 0, and a
  quota of 0 is never met; running periods are kept;
- reps_meeting_quota groups every quotas row by period_start, whatever its length;
- commission uses the rep's current role; NULL when the role has no plan; with a quota
  of 0 the whole won amount earns the accelerator rate;
- quota_recommendation: latest 4 periods by period_end then period_start, ended on or
  before the as-of date; a period with nothing won counts as 0; growth target 10%;
- employee_turnover_rate: complete months only; headcount at start = hired before the
  first day (or no hire_date) and not terminated before it; at end = hired on or before
  the last day and not terminated on or before it.

Each function takes a `Clean` (tests/reference/README.md) and returns the headline
at the catalog's grain: the grain columns plus `value` (float, NaN for NULL).
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from .common import headline, month_spine, month_start, pct, reindex_months
from .kpis_pipeline import won_amount_in_periods

QUOTA_GROWTH_TARGET = 0.10  # dbt var quota_growth_target, default 10%


# --------------------------------------------------------------------------- helpers

def _day(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.normalize()


def _nps_by_month(clean, responses: pd.DataFrame) -> pd.DataFrame:
    """NPS rule per spine month: pct promoters (9-10) - pct detractors (0-6)."""
    df = responses.assign(month=month_start(responses["responded_at"]),
                          promoter=responses["score"] >= 9,
                          detractor=responses["score"] <= 6)
    agg = df.groupby("month").agg(n=("score", "size"), promoters=("promoter", "sum"),
                                  detractors=("detractor", "sum")).reset_index()
    m = reindex_months(agg, clean, fill=0)
    m["value"] = pct(m["promoters"], m["n"]) - pct(m["detractors"], m["n"])
    return headline(m, ["month"], "value")


def _quota_periods(clean) -> pd.DataFrame:
    """quotas rows with dates at midnight and the won amount of the period."""
    q = clean.quotas.copy()
    q["period_start"] = _day(q["period_start"])
    q["period_end"] = _day(q["period_end"])
    q["quota"] = q["quota_amount_reporting"].astype(float)
    q["won"] = won_amount_in_periods(clean, q)
    q["attainment"] = pct(q["won"], q["quota"])
    return q


# --------------------------------------------------------------------------- KPIs

def net_promoter_score(clean) -> pd.DataFrame:
    """NPS of customer responses per responded_at month."""
    return _nps_by_month(clean, clean.nps_responses)


def employee_net_promoter_score(clean) -> pd.DataFrame:
    """NPS rule on employee_surveys per responded_at month."""
    return _nps_by_month(clean, clean.employee_surveys)


def customer_satisfaction(clean) -> pd.DataFrame:
    """Share of CSAT responses scoring 4 or 5, per responded_at month."""
    r = clean.csat_responses
    df = r.assign(month=month_start(r["responded_at"]), satisfied=r["score"] >= 4)
    agg = df.groupby("month").agg(n=("score", "size"), satisfied=("satisfied", "sum")).reset_index()
    m = reindex_months(agg, clean, fill=0)
    m["value"] = pct(m["satisfied"], m["n"])
    return headline(m, ["month"], "value")


def quota_attainment(clean) -> pd.DataFrame:
    """Won amount in the quota period / quota x 100 per rep and period (NULL when quota is 0)."""
    return headline(_quota_periods(clean), ["rep_id", "period_start"], "attainment")


def reps_meeting_quota(clean) -> pd.DataFrame:
    """Per period_start: reps with attainment >= 100 / reps with a quota x 100."""
    q = _quota_periods(clean)
    q["meets"] = (q["quota"] > 0) & (q["won"] >= q["quota"])
    agg = q.groupby("period_start").agg(reps=("rep_id", "nunique"),
                                        meeting=("meets", "sum")).reset_index()
    agg["value"] = pct(agg["meeting"], agg["reps"])
    return headline(agg, ["period_start"], "value")


def commission(clean) -> pd.DataFrame:
    """base_rate on won up to threshold_pct / 100 x quota, accelerator_rate above it,
    with the plan of the rep's role (NULL when the role has no plan)."""
    q = _quota_periods(clean)
    roles = clean.sales_reps.set_index("rep_id")["role"]
    q["role"] = q["rep_id"].map(roles)
    plans = clean.commission_plans.set_index("role")
    q = q.join(plans[["base_rate", "accelerator_threshold_pct", "accelerator_rate"]], on="role")
    threshold = q["accelerator_threshold_pct"].astype(float) / 100 * q["quota"]
    base_part = np.minimum(q["won"], threshold)
    above = np.maximum(q["won"] - threshold, 0)
    q["value"] = q["base_rate"].astype(float) * base_part + q["accelerator_rate"].astype(float) * above
    return headline(q, ["rep_id", "period_start"], "value")


def quota_recommendation(clean) -> pd.DataFrame:
    """Per rep with quotas: mean won amount of its last 4 quota periods ended on or before the
    as-of date x (1 + growth target); NULL when none has ended."""
    q = _quota_periods(clean)
    ended = q[q["period_end"] <= clean.as_of_date]
    ended = ended.sort_values(["rep_id", "period_end", "period_start"], ascending=[True, False, False])
    last4 = ended.groupby("rep_id").head(4)
    mean_won = last4.groupby("rep_id")["won"].mean()
    reps = pd.DataFrame({"rep_id": q["rep_id"].drop_duplicates()})
    reps["value"] = reps["rep_id"].map(mean_won) * (1 + QUOTA_GROWTH_TARGET)
    return headline(reps, ["rep_id"], "value")


def employee_turnover_rate(clean) -> pd.DataFrame:
    """Complete months: reps terminated in M / mean(headcount at start, at end) x 100."""
    reps = clean.sales_reps
    hire = _day(reps["hire_date"])
    term = _day(reps["termination_date"])
    spine = month_spine(clean, complete_only=True)
    values = []
    for start in spine["month"]:
        end = start + pd.offsets.MonthEnd(0)
        at_start = ((hire.isna() | (hire < start)) & (term.isna() | (term >= start))).sum()
        at_end = ((hire.isna() | (hire <= end)) & (term.isna() | (term > end))).sum()
        terminated = ((term >= start) & (term <= end)).sum()
        values.append(pct(terminated, (at_start + at_end) / 2))
    spine["value"] = pd.Series(values, index=spine.index, dtype=float)
    return headline(spine, ["month"], "value")


KPIS: dict[str, Callable[..., pd.DataFrame]] = {
    "net_promoter_score": net_promoter_score,
    "customer_satisfaction": customer_satisfaction,
    "employee_net_promoter_score": employee_net_promoter_score,
    "quota_attainment": quota_attainment,
    "reps_meeting_quota": reps_meeting_quota,
    "commission": commission,
    "quota_recommendation": quota_recommendation,
    "employee_turnover_rate": employee_turnover_rate,
}

__all__ = ["KPIS", *KPIS]
