"""Shared helpers for the reference KPI modules (tests/reference/kpis_*.py).

Small on purpose; documented in tests/reference/README.md ("common.py").
Every helper is plain pandas; none reads the warehouse.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

__all__ = [
    "month_start", "month_end", "month_spine", "complete_months", "reindex_months",
    "safe_div", "pct", "days_between", "hours_between", "fx_rate", "to_reporting", "headline",
]


def month_start(values: pd.Series | pd.Timestamp) -> pd.Series | pd.Timestamp:
    """First day (midnight) of the month of each timestamp/date (NaT stays NaT)."""
    if isinstance(values, pd.Series):
        return pd.to_datetime(values).dt.to_period("M").dt.to_timestamp()
    return pd.Timestamp(values).to_period("M").to_timestamp()


def month_end(values: pd.Series | pd.Timestamp) -> pd.Series | pd.Timestamp:
    """Last day (midnight) of the month of each value: the month-end snapshot day."""
    return month_start(values) + pd.offsets.MonthEnd(0)


def month_spine(clean, complete_only: bool = False) -> pd.DataFrame:
    """DataFrame with one column `month`: the catalog's month series (first event month to
    the as-of month), or only the complete months (month end <= as-of date)."""
    months = complete_months(clean) if complete_only else list(clean.months)
    return pd.DataFrame({"month": pd.Series(pd.to_datetime(months), dtype="datetime64[ns]")})


def complete_months(clean) -> list[pd.Timestamp]:
    """Months of the series whose last day is on or before the as-of date."""
    return [m for m in clean.months if m + pd.offsets.MonthEnd(0) <= clean.as_of_date]


def reindex_months(df: pd.DataFrame, clean, fill: dict | float | None = 0,
                   complete_only: bool = False, by: Iterable[str] = ()) -> pd.DataFrame:
    """Left-join `df` (which has a `month` column, plus optional `by` key columns) onto the
    month spine so that months without events appear. Without `by`: one row per spine month.
    With `by`: one row per spine month x every `by` combination present in df (use only when
    the catalog says every combination appears). `fill` fills the missing values (a scalar or a
    {column: value} dict; None leaves NaN). Rows of df outside the spine are dropped."""
    spine = month_spine(clean, complete_only)
    by = list(by)
    df = df.copy()
    df["month"] = pd.to_datetime(df["month"]).astype("datetime64[ns]")  # an empty frame may hold objects
    if by:
        keys = df[by].drop_duplicates()
        spine = spine.merge(keys, how="cross")
    out = spine.merge(df, on=["month", *by], how="left")
    if fill is not None:
        if isinstance(fill, dict):
            out = out.fillna(fill)
        else:
            value_cols = [c for c in out.columns if c not in ("month", *by)]
            out[value_cols] = out[value_cols].fillna(fill)
    return out.sort_values(["month", *by]).reset_index(drop=True)


def safe_div(num, den):
    """num / den with NaN where den is 0 or NaN (the catalog: a division by zero gives NULL).
    Works on scalars and aligned Series."""
    if isinstance(num, pd.Series) or isinstance(den, pd.Series):
        num_s = num.astype(float) if isinstance(num, pd.Series) else num
        den_s = den.astype(float) if isinstance(den, pd.Series) else pd.Series(den, index=num_s.index, dtype=float)
        den_s = den_s.where(den_s != 0)
        return num_s / den_s
    if den is None or pd.isna(den) or den == 0 or num is None or pd.isna(num):
        return np.nan
    return float(num) / float(den)


def pct(num, den):
    """safe_div(num, den) * 100."""
    return safe_div(num, den) * 100


def days_between(start: pd.Series, end: pd.Series) -> pd.Series:
    """Whole calendar days between the UTC dates of two timestamp/date columns (end - start)."""
    return (pd.to_datetime(end).dt.normalize() - pd.to_datetime(start).dt.normalize()).dt.days.astype(float)


def hours_between(start: pd.Series, end: pd.Series) -> pd.Series:
    """Elapsed fractional hours between two timestamps (minutes: multiply by 60)."""
    return (pd.to_datetime(end) - pd.to_datetime(start)).dt.total_seconds() / 3600.0


def fx_rate(clean, currency: pd.Series, on: pd.Series) -> pd.Series:
    """Rate converting `currency` into clean.reporting_currency by the catalog's rule, the same as
    the loader's (loader.fx_to_reporting: direct rates, or 1 / the reverse rates for a currency
    without direct ones; the latest on or before the day of `on`, timestamps truncated to the
    day); 1 for the same currency; NaN when none. Index follows `currency`."""
    from .loader import fx_to_reporting, lookup_rates

    rates = fx_to_reporting(clean.fx_rates, clean.reporting_currency)
    cur = [None if pd.isna(c) else str(c).upper() for c in currency.tolist()]
    days = [None if pd.isna(d) else pd.Timestamp(d).normalize() for d in pd.to_datetime(on).tolist()]
    found = lookup_rates(rates, clean.reporting_currency, cur, days)
    return pd.Series([np.nan if r is None else r for r in found], index=currency.index, dtype=float)


def to_reporting(clean, amount: pd.Series, currency: pd.Series, on: pd.Series) -> pd.Series:
    """amount * fx_rate(clean, currency, on)."""
    return amount.astype(float) * fx_rate(clean, currency, on)


def headline(df: pd.DataFrame, grain: list[str], value: str) -> pd.DataFrame:
    """The return shape of a KPI function: the grain columns plus `value` (float), sorted."""
    out = df[[*grain, value]].rename(columns={value: "value"}).copy()
    if out["value"].dtype != object:
        out["value"] = out["value"].astype(float)
    return out.sort_values(grain).reset_index(drop=True)
