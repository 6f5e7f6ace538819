"""New customers, referrals, customer lifecycle length and the upsell / cross-sell share at row
grain (models/semantic/leads.yml `customer_acquisitions`, row_grain.yml `closed_opportunities`)
against values worked out by hand from the sample CSVs.

By hand (the rules of docs/KPI_CATALOG.md): an account's acquisition date is the earliest of
its first deal closed won, its first completed order and its first subscription start; it is
a referral when its acquisition_source is referral; its lifecycle runs from the creation day
of the earliest lead converted into it to that date. The clean rows come from the plain-Python
loaders of the other semantic tests (deals, orders, subscriptions, leads with their reject rules).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

import semantic_by_hand as base
import semantic_by_hand_leads as leads_rules
import semantic_by_hand_subs as subs_rules
from semantic_support import MetricFlowProject, compare_by_hand

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample() -> base.Sample:
    return base.load()


@pytest.fixture(scope="module")
def customers(sample: base.Sample) -> list[dict]:
    """One record per account acquired in the KPI months: day, account_id, referral, lifecycle_days,
    industry, source."""
    firsts: dict[str, date] = {}
    events = ([(deal["account_id"], deal["day"]) for deal in sample.deals if deal["won"]]
              + [(order["account_id"], order["day"]) for order in sample.orders]
              + [(sub["account_id"], sub["start"]) for sub in subs_rules.load().subscriptions
                 if sub["start"] <= base.AS_OF_DATE])
    for account_id, day in events:
        if account_id is not None:
            firsts[account_id] = min(day, firsts.get(account_id, day))
    first_lead: dict[str, date] = {}
    for lead in leads_rules.load().leads:
        if lead["customer"]:
            first_lead[lead["account_id"]] = min(lead["day"], first_lead.get(lead["account_id"], lead["day"]))
    return [{"day": day, "account_id": account_id, "industry": sample.accounts[account_id]["industry"],
             "source": (sample.accounts[account_id]["acquisition_source"] or "").lower() or None,
             "lifecycle_days": (day - first_lead[account_id]).days if account_id in first_lead else None}
            for account_id, day in firsts.items() if base.FIRST_MONTH <= day <= base.AS_OF_DATE]


def expected(customers: list[dict], *keys) -> dict[str, tuple[dict[tuple, float], float | None]]:
    """metric: (value per key tuple, value of a key without new customers)."""
    new = base.total(customers, lambda row: 1, *keys)
    with_lifecycle = [row for row in customers if row["lifecycle_days"] is not None]
    return {
        "new_customers": (new, 0.0),
        "referrals": (base.total([row for row in customers if row["source"] == "referral"], lambda row: 1, *keys),
                      0.0),
        "customer_lifecycle_length": (base.ratio(base.total(with_lifecycle, lambda row: row["lifecycle_days"], *keys),
                                                 base.total(with_lifecycle, lambda row: 1, *keys)), None),
    }


@pytest.mark.parametrize("grain", ["quarter", "year"])
def test_customer_acquisition_kpis_by_period_and_industry(mf_project: MetricFlowProject, customers: list[dict],
                                                          grain: str) -> None:
    period = base.quarter if grain == "quarter" else base.year
    group_by = [f"metric_time__{grain}", "account__industry"]
    rows = mf_project.query(["new_customers", "referrals", "customer_lifecycle_length"], group_by)
    problems: list[str] = []
    values_by_metric = expected(customers, lambda row: period(row["day"]), lambda row: row["industry"])
    for metric, (values, absent) in values_by_metric.items():
        assert len(values) >= 6, metric
        problems += compare_by_hand(rows, metric, group_by, values, absent)
    assert not problems, "\n".join(problems[:40])


def test_lifecycle_of_a_quarter_is_not_the_mean_of_its_months(mf_project: MetricFlowProject,
                                                              customers: list[dict]) -> None:
    """Over a quarter the mean runs over its customers, not over the monthly means."""
    rows = mf_project.query(["customer_lifecycle_length"], ["metric_time__quarter"])
    quarterly = expected(customers, lambda row: base.quarter(row["day"]))["customer_lifecycle_length"][0]
    monthly = expected(customers, lambda row: base.quarter(row["day"]),
                       lambda row: row["day"].month)["customer_lifecycle_length"][0]
    means: dict[str, list[float]] = defaultdict(list)
    for (quarter, _month), value in monthly.items():
        means[quarter].append(value)
    assert any(abs(sum(values) / len(values) - quarterly[(quarter,)]) > 1 for quarter, values in means.items())
    problems = compare_by_hand(rows, "customer_lifecycle_length", ["metric_time__quarter"], quarterly, None)
    assert not problems, "\n".join(problems[:40])


def test_referrals_by_year_are_the_referral_source_of_new_customers(mf_project: MetricFlowProject,
                                                                    customers: list[dict]) -> None:
    group_by = ["metric_time__year", "customer_acquisition__acquisition_source"]
    rows = mf_project.query(["new_customers", "referrals"], group_by)
    values = expected(customers, lambda row: base.year(row["day"]), lambda row: row["source"])
    problems = (compare_by_hand(rows, "new_customers", group_by, *values["new_customers"])
                + compare_by_hand(rows, "referrals", group_by, *values["referrals"]))
    assert not problems, "\n".join(problems[:40])


def test_upsell_cross_sell_share_by_quarter_and_rep_team(mf_project: MetricFlowProject, sample: base.Sample) -> None:
    group_by = ["metric_time__quarter", "rep__team"]
    rows = mf_project.query(["upsell_cross_sell_share"], group_by)
    keys = (lambda deal: base.quarter(deal["day"]),
            lambda deal: sample.reps[deal["rep_id"]]["team"] if deal["rep_id"] else None)
    won = [deal for deal in sample.deals if deal["won"]]
    expansion = base.total([deal for deal in won if deal["deal_type"] in ("upsell", "cross_sell")],
                           lambda deal: deal["amount"], *keys)
    share = base.ratio(expansion, base.total(won, lambda deal: deal["amount"], *keys), 100.0)
    assert len(share) >= 8
    problems = compare_by_hand(rows, "upsell_cross_sell_share", group_by, share, None)
    assert not problems, "\n".join(problems[:40])
