"""Reference (plain pandas) implementation of the "Customers, retention and value" KPIs
of docs/KPI_CATALOG.md, written from the catalog's text and the documented choices of
models/marts/customers/_customers__models.yml and _customers__docs.md.

Each function takes a `Clean` (tests/reference/README.md) and returns the headline
at the catalog's grain: the grain columns plus `value` (float, NaN for NULL; text for
rfm_segments).

Documented choices followed here (the catalog is silent on them):
- snapshot KPIs cover complete months; those comparing with M-1 (churn, retention,
  revenue churn, NRR, CLV, CLV/CAC) start at the second month of the series; CAC
  covers every month of the spine; CAC payback every complete month;
- new customers of a month are all accounts acquired in it, subscribers or not;
- the gross margin ratio leaves out lines whose cost is unknown (product without
  unit_cost, or no FX rate for the product's currency), from both sums;
- RFM, lifetime revenue, tickets, minutes count events on or before the as-of date;
- churn_by_sales_cycle: customers acquired with acquisition date + 6 months (month-end
  clamped) on or before the as-of date and a won deal closed on or before it; the
  first won deal is the earliest close_date (ties created_at, opportunity_id);
  churned = a subscription started on or before the check day and none active on it.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from .common import headline, month_start, pct, reindex_months, safe_div
from .kpis_revenue import WON, completed_lines, completed_orders, subscription_monthly

CYCLE_BUCKETS = ["0-30", "31-90", "91-180", "181+"]


# --------------------------------------------------------------------------- helpers

def _day(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.normalize()


def acquisition_dates(clean) -> pd.Series:
    """Acquisition date per account_id: the earliest of its first closed-won close_date,
    first completed order date and first subscription started_on."""
    opps = clean.opportunities
    won = opps[(opps["stage"] == WON) & opps["close_date"].notna()]
    orders = completed_orders(clean)
    subs = clean.subscriptions
    dates = pd.concat([
        pd.DataFrame({"account_id": won["account_id"], "day": _day(won["close_date"])}),
        pd.DataFrame({"account_id": orders["account_id"], "day": orders["ordered_on"]}),
        pd.DataFrame({"account_id": subs["account_id"], "day": _day(subs["started_on"])}),
    ]).dropna()
    return dates.groupby("account_id")["day"].min().rename("acquisition_date")


def _new_customers(clean) -> pd.DataFrame:
    acq = acquisition_dates(clean).reset_index()
    acq["month"] = month_start(acq["acquisition_date"])
    return acq.groupby("month").agg(new_customers=("account_id", "nunique")).reset_index()


def _cac(clean) -> pd.DataFrame:
    """Per spine month: expenses, new_customers, cac."""
    exp = clean.sales_marketing_expenses.copy()
    exp["month"] = month_start(exp["expense_month"])
    spend = exp.groupby("month").agg(expenses=("amount_reporting", "sum")).reset_index()
    out = reindex_months(spend, clean, fill=0.0)
    out = out.merge(_new_customers(clean), on="month", how="left").fillna({"new_customers": 0.0})
    out["cac"] = safe_div(out["expenses"], out["new_customers"])
    return out


def _gross_margin_ratio(clean, months: pd.Series) -> pd.Series:
    """Trailing 12-month (M-11..M) gross margin ratio per month, lines with a known cost."""
    lines = completed_lines(clean)
    lines = lines[lines["cost"].notna()]
    ratios = []
    for month in months:
        window = lines[(lines["month"] <= month) & (lines["month"] >= month - pd.DateOffset(months=11))]
        revenue = window["revenue"].sum()
        ratios.append(safe_div(revenue - window["cost"].sum(), revenue))
    return pd.Series(ratios, index=months.index, dtype=float)


def unit_economics(clean) -> pd.DataFrame:
    """Per complete month: the subscription metrics plus churn_rate, arpa, gmr, cac, clv."""
    m = subscription_monthly(clean)
    m["churn_rate"] = pct(m["churned_customers"], m["customers_start"])
    m.loc[~m["has_start"], "churn_rate"] = np.nan
    m["arpa"] = safe_div(m["mrr_end"], m["customers_end"])
    m["gmr"] = _gross_margin_ratio(clean, m["month"])
    m = m.merge(_cac(clean)[["month", "cac", "new_customers"]], on="month", how="left")
    m["clv"] = safe_div(m["arpa"] * m["gmr"], m["churn_rate"] / 100)
    return m


def _from_second_month(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["has_start"]].copy()


def _ntile5(order: pd.DataFrame, by: list[str], ascending: list[bool]) -> pd.Series:
    """SQL ntile(5) over rows sorted by `by`: the first n % 5 buckets get one more row."""
    ranked = order.sort_values(by, ascending=ascending)
    n = len(ranked)
    base, extra = divmod(n, 5)
    scores = []
    for bucket in range(1, 6):
        scores += [bucket] * (base + (1 if bucket <= extra else 0))
    return pd.Series(scores, index=ranked.index, dtype=int).reindex(order.index)


def _segment(r: int, f: int, m: int) -> str:
    if r >= 4 and f >= 4 and m >= 4:
        return "champions"
    if f >= 4:
        return "loyal"
    if r >= 4 and f <= 2:
        return "new"
    if r <= 2 and f >= 3:
        return "at_risk"
    if r <= 2 and f <= 2:
        return "lost"
    return "needs_attention"


def _lifetime(clean) -> pd.DataFrame:
    """Per account with completed orders on or before the as-of date: orders, revenue,
    latest order date."""
    as_of = clean.as_of_date
    orders = completed_orders(clean)
    orders = orders[(orders["ordered_on"] <= as_of) & orders["account_id"].notna()]
    lines = completed_lines(clean)
    lines = lines[lines["ordered_on"] <= as_of]
    summary = orders.groupby("account_id").agg(
        frequency=("order_id", "nunique"), latest=("ordered_on", "max")).reset_index()
    revenue = lines.groupby("account_id").agg(monetary=("revenue", "sum")).reset_index()
    summary = summary.merge(revenue, on="account_id", how="left").fillna({"monetary": 0.0})
    return summary


# --------------------------------------------------------------------------- KPIs

def customer_churn_rate(clean) -> pd.DataFrame:
    m = _from_second_month(subscription_monthly(clean))
    m["value"] = pct(m["churned_customers"], m["customers_start"])
    return headline(m, ["month"], "value")


def net_customer_loss_rate(clean) -> pd.DataFrame:
    m = _from_second_month(subscription_monthly(clean))
    m["value"] = pct(m["customers_start"] - m["customers_end"], m["customers_start"])
    return headline(m, ["month"], "value")


def customer_retention_rate(clean) -> pd.DataFrame:
    m = _from_second_month(subscription_monthly(clean))
    m = m.merge(_new_customers(clean), on="month", how="left").fillna({"new_customers": 0.0})
    m["value"] = pct(m["customers_end"] - m["new_customers"], m["customers_start"])
    return headline(m, ["month"], "value")


def revenue_churn_rate(clean) -> pd.DataFrame:
    m = _from_second_month(subscription_monthly(clean))
    m["value"] = pct(m["churned"] + m["contraction"], m["mrr_start"])
    return headline(m, ["month"], "value")


def net_revenue_retention(clean) -> pd.DataFrame:
    m = _from_second_month(subscription_monthly(clean))
    m["value"] = pct(m["mrr_start"] + m["expansion"] - m["contraction"] - m["churned"], m["mrr_start"])
    return headline(m, ["month"], "value")


def customer_acquisition_cost(clean) -> pd.DataFrame:
    return headline(_cac(clean), ["month"], "cac")


def customer_lifetime_value(clean) -> pd.DataFrame:
    return headline(_from_second_month(unit_economics(clean)), ["month"], "clv")


def clv_to_cac(clean) -> pd.DataFrame:
    m = _from_second_month(unit_economics(clean))
    m["value"] = safe_div(m["clv"], m["cac"])
    return headline(m, ["month"], "value")


def cac_payback_months(clean) -> pd.DataFrame:
    m = unit_economics(clean)
    m["value"] = safe_div(m["cac"], m["arpa"] * m["gmr"])
    return headline(m, ["month"], "value")


def rfm_segments(clean) -> pd.DataFrame:
    acc = _lifetime(clean)
    acc["recency_days"] = (clean.as_of_date - acc["latest"]).dt.days.astype(float)
    acc["r"] = _ntile5(acc, ["recency_days", "account_id"], [False, True])
    acc["f"] = _ntile5(acc, ["frequency", "account_id"], [True, True])
    acc["m"] = _ntile5(acc, ["monetary", "account_id"], [True, True])
    acc["value"] = pd.Series([_segment(r, f, m) for r, f, m in zip(acc["r"], acc["f"], acc["m"])],
                             index=acc.index, dtype=object)
    return headline(acc, ["account_id"], "value")


def customer_outcomes(clean) -> pd.DataFrame:
    accounts = clean.accounts[["account_id"]].merge(_lifetime(clean), on="account_id", how="left")
    accounts["value"] = accounts["monetary"].fillna(0.0)
    return headline(accounts, ["account_id"], "value")


def churn_by_sales_cycle(clean) -> pd.DataFrame:
    as_of = clean.as_of_date
    acq = acquisition_dates(clean).reset_index()
    acq["check_date"] = acq["acquisition_date"] + pd.DateOffset(months=6)
    acq = acq[acq["check_date"] <= as_of]

    opps = clean.opportunities
    won = opps[(opps["stage"] == WON) & opps["close_date"].notna()].copy()
    won["close_day"] = _day(won["close_date"])
    won = won[won["close_day"] <= as_of]
    won = won.sort_values(["account_id", "close_day", "created_at", "opportunity_id"])
    first = won.groupby("account_id").head(1).copy()
    first["cycle_days"] = (first["close_day"] - _day(first["created_at"])).dt.days
    first["cycle_bucket"] = pd.cut(first["cycle_days"], [-np.inf, 30, 90, 180, np.inf],
                                   labels=CYCLE_BUCKETS).astype(object)
    customers = acq.merge(first[["account_id", "cycle_bucket"]], on="account_id", how="inner")

    subs = clean.subscriptions.copy()
    subs["started_on"] = _day(subs["started_on"])
    subs["ended_on"] = _day(subs["ended_on"])
    subs = subs.merge(customers[["account_id", "check_date"]], on="account_id", how="inner")
    started = subs[subs["started_on"] <= subs["check_date"]]
    active = started[started["ended_on"].isna() | (started["ended_on"] > started["check_date"])]
    customers["churned"] = (customers["account_id"].isin(started["account_id"])
                            & ~customers["account_id"].isin(active["account_id"]))

    agg = customers.groupby("cycle_bucket").agg(
        customers=("account_id", "nunique"), churned=("churned", "sum"))
    out = pd.DataFrame({"cycle_bucket": CYCLE_BUCKETS}).merge(
        agg.reset_index(), on="cycle_bucket", how="left").fillna({"customers": 0.0, "churned": 0.0})
    out["value"] = pct(out["churned"], out["customers"])
    return headline(out, ["cycle_bucket"], "value")


KPIS: dict[str, Callable[[object], pd.DataFrame]] = {
    "customer_churn_rate": customer_churn_rate,
    "net_customer_loss_rate": net_customer_loss_rate,
    "customer_retention_rate": customer_retention_rate,
    "revenue_churn_rate": revenue_churn_rate,
    "net_revenue_retention": net_revenue_retention,
    "customer_acquisition_cost": customer_acquisition_cost,
    "customer_lifetime_value": customer_lifetime_value,
    "clv_to_cac": clv_to_cac,
    "cac_payback_months": cac_payback_months,
    "rfm_segments": rfm_segments,
    "customer_outcomes": customer_outcomes,
    "churn_by_sales_cycle": churn_by_sales_cycle,
}
