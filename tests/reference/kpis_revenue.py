"""Reference (plain pandas) implementation of the "Revenue and sales" KPIs of
docs/KPI_CATALOG.md, written from the catalog's text and the documented choices of
models/marts/revenue/_revenue__models.yml, _revenue__docs.md and
models/marts/revenue/recurring/_recurring__models.yml (plus the shared snapshot
wording of models/marts/customers/_customers__docs.md).

Each function takes a `Clean` (tests/reference/README.md) and returns the headline
at the catalog's grain: the grain columns plus `value` (float, NaN for NULL).

Documented choices followed here (the catalog is silent on them):
- breakdowns (location, product, rep) are dense: every member in every month of the
  spine, 0 when it sold nothing; sales without a location / rep get a null-key row in
  the months they happen; reps appear in the months they were employed in;
- order counts and ordering accounts come from the completed orders (an order whose
  lines were all rejected still counts), revenue and units from their lines;
- growth rates are null when the compared month is before the series or had 0;
- new_vs_returning_revenue's "new" is the first completed order (not the acquisition
  date); revenue of orders without an account is returning;
- MRR and everything built on the month-end snapshots cover complete months only;
  those comparing with M-1 start at the second month of the series.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from .common import (complete_months, headline, month_spine, month_start, pct, reindex_months, safe_div,
                     to_reporting)

WON = "closed_won"
UPSELL_TYPES = ("upsell", "cross_sell")


# --------------------------------------------------------------------------- helpers

def _day(values: pd.Series) -> pd.Series:
    """Date (midnight) of each timestamp/date."""
    return pd.to_datetime(values).dt.normalize()


def completed_orders(clean) -> pd.DataFrame:
    """Completed orders with their `month` (ordered_at) and `ordered_on` (UTC date)."""
    orders = clean.orders
    out = orders[orders["status"] == "completed"].copy()
    out["ordered_on"] = _day(out["ordered_at"])
    out["month"] = month_start(out["ordered_at"])
    return out


def completed_lines(clean) -> pd.DataFrame:
    """Lines of completed orders with the order's keys, `revenue` (reporting currency,
    quantity x unit_price - discount_amount) and `cost` (quantity x unit_cost converted
    from the product's currency at the order's date; NaN when unknown)."""
    orders = completed_orders(clean)[
        ["order_id", "account_id", "rep_id", "location_id", "ordered_at", "ordered_on", "month"]]
    lines = clean.order_lines.merge(orders, on="order_id", how="inner")
    qty = lines["quantity"].astype(float)
    discount = lines["discount_amount_reporting"].astype(float).fillna(0.0)
    lines["units"] = qty
    lines["revenue"] = qty * lines["unit_price_reporting"].astype(float) - discount
    products = clean.products[["product_id", "unit_cost", "currency"]].rename(
        columns={"currency": "product_currency"})
    lines = lines.merge(products, on="product_id", how="left")
    unit_cost = to_reporting(clean, lines["unit_cost"].astype(float), lines["product_currency"],
                             lines["ordered_on"])
    lines["cost"] = qty * unit_cost
    return lines


def monthly_sales(clean) -> pd.DataFrame:
    """Per spine month: revenue, units, order_count, ordering_accounts (0 when none)."""
    lines = completed_lines(clean)
    orders = completed_orders(clean)
    by_lines = lines.groupby("month").agg(revenue=("revenue", "sum"), units=("units", "sum")).reset_index()
    by_orders = orders.groupby("month").agg(
        order_count=("order_id", "nunique"), ordering_accounts=("account_id", "nunique")).reset_index()
    out = reindex_months(by_lines, clean, fill=0.0)
    return reindex_months(by_orders, clean, fill=0.0).merge(out, on="month", how="left")


def _growth(clean, lag: int) -> pd.DataFrame:
    sales = monthly_sales(clean)[["month", "revenue"]]
    prior = sales.rename(columns={"revenue": "prior"})
    prior["month"] = prior["month"] + pd.DateOffset(months=lag)
    out = sales.merge(prior, on="month", how="left")
    out["value"] = pct(out["revenue"] - out["prior"], out["prior"])
    return headline(out, ["month"], "value")


def _dense_breakdown(clean, lines: pd.DataFrame, key: str, members: pd.DataFrame) -> pd.DataFrame:
    """Revenue per month and `key`: every member of `members` (month, key) plus the keys
    with sales (the null key included) in the months they sold."""
    lines = lines.copy()
    lines[key] = lines[key].astype(object).where(lines[key].notna(), None)
    spine = month_spine(clean)
    sold = lines[lines["month"].isin(spine["month"])]
    agg = sold.groupby(["month", key], dropna=False).agg(revenue=("revenue", "sum")).reset_index()
    # an all-null key column comes back as float: keep every key column as object
    agg[key] = agg[key].astype(object).where(agg[key].notna(), None)
    members = members[["month", key]].astype({key: object})
    keys = pd.concat([members, agg[["month", key]]]).drop_duplicates()
    out = keys.merge(agg, on=["month", key], how="left")
    out["revenue"] = out["revenue"].fillna(0.0)
    out[key] = out[key].astype(object).where(out[key].notna(), None)
    return headline(out, ["month", key], "revenue")


def subscription_snapshots(clean) -> pd.DataFrame:
    """Per complete month and account active at its start (end of M-1) or end (end of
    M) snapshot: mrr_start, mrr_end, active_start, active_end, has_start (False in the
    series' first month). MRR in the reporting currency."""
    subs = clean.subscriptions.copy()
    subs["started_on"] = _day(subs["started_on"])
    subs["ended_on"] = _day(subs["ended_on"])
    subs["mrr"] = subs["mrr_amount_reporting"].astype(float)
    first_month = clean.months[0] if clean.months else None  # no months: no complete month either
    rows = []

    def snapshot(day: pd.Timestamp) -> pd.DataFrame:
        active = subs[(subs["started_on"] <= day) & (subs["ended_on"].isna() | (subs["ended_on"] > day))]
        return active.groupby("account_id").agg(mrr=("mrr", "sum")).reset_index()

    for month in complete_months(clean):
        end = snapshot(month + pd.offsets.MonthEnd(0)).rename(columns={"mrr": "mrr_end"})
        start = snapshot(month - pd.Timedelta(days=1)).rename(columns={"mrr": "mrr_start"})
        both = start.merge(end, on="account_id", how="outer")
        both["active_start"] = both["mrr_start"].notna()
        both["active_end"] = both["mrr_end"].notna()
        both[["mrr_start", "mrr_end"]] = both[["mrr_start", "mrr_end"]].fillna(0.0)
        both["month"] = month
        both["has_start"] = month != first_month
        rows.append(both)
    cols = ["month", "account_id", "mrr_start", "mrr_end", "active_start", "active_end", "has_start"]
    if not rows:
        return pd.DataFrame(columns=cols)
    return pd.concat(rows, ignore_index=True)[cols]


def subscription_monthly(clean) -> pd.DataFrame:
    """Per complete month: customers_start/end, churned_customers, mrr_start/end and the
    MRR movements (new, expansion, contraction, churned), has_start."""
    snaps = subscription_snapshots(clean)
    s, e = snaps["mrr_start"], snaps["mrr_end"]
    snaps["new"] = np.where((s == 0) & (e > 0), e, 0.0)
    snaps["expansion"] = np.where((s > 0) & (e > s), e - s, 0.0)
    snaps["contraction"] = np.where((e > 0) & (e < s), s - e, 0.0)
    snaps["churned"] = np.where((s > 0) & (e == 0), s, 0.0)
    snaps["churned_customer"] = snaps["active_start"] & ~snaps["active_end"]
    agg = snaps.groupby("month").agg(
        customers_start=("active_start", "sum"), customers_end=("active_end", "sum"),
        churned_customers=("churned_customer", "sum"), mrr_start=("mrr_start", "sum"),
        mrr_end=("mrr_end", "sum"), new=("new", "sum"), expansion=("expansion", "sum"),
        contraction=("contraction", "sum"), churned=("churned", "sum")).reset_index()
    out = reindex_months(agg, clean, fill=0.0, complete_only=True)
    out["has_start"] = out["month"] != clean.months[0] if clean.months else False
    return out


def _from_second_month(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["has_start"]]


def _won(clean) -> pd.DataFrame:
    opps = clean.opportunities
    won = opps[(opps["stage"] == WON) & opps["close_date"].notna()].copy()
    won["month"] = month_start(won["close_date"])
    won["amount"] = won["amount_reporting"].astype(float).fillna(0.0)
    return won


# --------------------------------------------------------------------------- KPIs

def sales_revenue(clean) -> pd.DataFrame:
    return headline(monthly_sales(clean), ["month"], "revenue")


def units_sold(clean) -> pd.DataFrame:
    return headline(monthly_sales(clean), ["month"], "units")


def order_count(clean) -> pd.DataFrame:
    return headline(monthly_sales(clean), ["month"], "order_count")


def average_order_value(clean) -> pd.DataFrame:
    sales = monthly_sales(clean)
    sales["value"] = safe_div(sales["revenue"], sales["order_count"])
    return headline(sales, ["month"], "value")


def sales_growth_mom(clean) -> pd.DataFrame:
    return _growth(clean, 1)


def sales_growth_yoy(clean) -> pd.DataFrame:
    return _growth(clean, 12)


def sales_by_location(clean) -> pd.DataFrame:
    members = month_spine(clean).merge(clean.locations[["location_id"]], how="cross")
    return _dense_breakdown(clean, completed_lines(clean), "location_id", members)


def revenue_by_product(clean) -> pd.DataFrame:
    members = month_spine(clean).merge(clean.products[["product_id"]], how="cross")
    return _dense_breakdown(clean, completed_lines(clean), "product_id", members)


def sales_per_rep(clean) -> pd.DataFrame:
    spine = month_spine(clean)
    spine["month_end"] = spine["month"] + pd.offsets.MonthEnd(0)
    reps = clean.sales_reps[["rep_id", "hire_date", "termination_date"]]
    members = spine.merge(reps, how="cross")
    hired = members["hire_date"].isna() | (_day(members["hire_date"]) <= members["month_end"])
    not_gone = members["termination_date"].isna() | (_day(members["termination_date"]) >= members["month"])
    members = members[hired & not_gone]
    return _dense_breakdown(clean, completed_lines(clean), "rep_id", members)


def competitor_price_index(clean) -> pd.DataFrame:
    lines = completed_lines(clean)
    ours = lines.groupby(["month", "product_id"]).agg(
        revenue=("revenue", "sum"), units=("units", "sum")).reset_index()
    ours["our_price"] = safe_div(ours["revenue"], ours["units"])
    prices = clean.competitor_prices.copy()
    prices["month"] = month_start(prices["observed_on"])
    theirs = prices.groupby(["month", "product_id", "competitor_name"]).agg(
        their_price=("price_reporting", "mean")).reset_index()
    out = ours.merge(theirs, on=["month", "product_id"], how="inner")
    out = out[out["month"].isin(month_spine(clean)["month"])]
    out["value"] = pct(out["our_price"], out["their_price"])
    return headline(out, ["month", "product_id", "competitor_name"], "value")


def new_vs_returning_revenue(clean) -> pd.DataFrame:
    orders = completed_orders(clean)
    first = orders.dropna(subset=["account_id"]).groupby("account_id")["month"].min().rename("first_month")
    lines = completed_lines(clean).merge(first, left_on="account_id", right_index=True, how="left")
    lines["new_revenue"] = lines["revenue"].where(lines["first_month"] == lines["month"], 0.0)
    new = lines.groupby("month").agg(new_revenue=("new_revenue", "sum")).reset_index()
    sales = monthly_sales(clean).merge(new, on="month", how="left").fillna({"new_revenue": 0.0})
    sales["value"] = pct(sales["revenue"] - sales["new_revenue"], sales["revenue"])
    return headline(sales, ["month"], "value")


def avg_revenue_per_account(clean) -> pd.DataFrame:
    sales = monthly_sales(clean)
    sales["value"] = safe_div(sales["revenue"], sales["ordering_accounts"])
    return headline(sales, ["month"], "value")


def monthly_recurring_revenue(clean) -> pd.DataFrame:
    return headline(subscription_monthly(clean), ["month"], "mrr_end")


def mrr_movements(clean) -> pd.DataFrame:
    m = _from_second_month(subscription_monthly(clean)).copy()
    m["value"] = m["new"] + m["expansion"] - m["contraction"] - m["churned"]
    return headline(m, ["month"], "value")


def upsell_cross_sell_share(clean) -> pd.DataFrame:
    won = _won(clean)
    won["upsell_amount"] = won["amount"].where(won["deal_type"].isin(UPSELL_TYPES), 0.0)
    agg = won.groupby("month").agg(won=("amount", "sum"), upsell=("upsell_amount", "sum")).reset_index()
    out = reindex_months(agg, clean, fill=0.0)
    out["value"] = pct(out["upsell"], out["won"])
    return headline(out, ["month"], "value")


def upsell_cross_sell_rate(clean) -> pd.DataFrame:
    won = _won(clean)
    won = won[won["deal_type"].isin(UPSELL_TYPES) & won["account_id"].notna()]
    accounts = won.groupby("month").agg(accounts=("account_id", "nunique")).reset_index()
    m = _from_second_month(subscription_monthly(clean)).merge(accounts, on="month", how="left")
    m["accounts"] = m["accounts"].fillna(0.0)
    m["value"] = pct(m["accounts"], m["customers_start"])
    return headline(m, ["month"], "value")


KPIS: dict[str, Callable[[object], pd.DataFrame]] = {
    "sales_revenue": sales_revenue,
    "units_sold": units_sold,
    "order_count": order_count,
    "average_order_value": average_order_value,
    "sales_growth_mom": sales_growth_mom,
    "sales_growth_yoy": sales_growth_yoy,
    "sales_by_location": sales_by_location,
    "revenue_by_product": revenue_by_product,
    "competitor_price_index": competitor_price_index,
    "new_vs_returning_revenue": new_vs_returning_revenue,
    "avg_revenue_per_account": avg_revenue_per_account,
    "sales_per_rep": sales_per_rep,
    "monthly_recurring_revenue": monthly_recurring_revenue,
    "mrr_movements": mrr_movements,
    "upsell_cross_sell_share": upsell_cross_sell_share,
    "upsell_cross_sell_rate": upsell_cross_sell_rate,
}
