"""MRR and the survey KPIs at row grain in the semantic layer (models/semantic/revenue.yml
subscription_days, models/semantic/team.yml survey_responses) equal the values worked out
by hand from the sample CSVs (tests/semantic_by_hand_subs.py) at any grain and by the
account, rep or product. Month by month they equal the marts too:
tests/test_semantic_layer.py::test_month_metrics_equal_the_mart_views.
"""

from __future__ import annotations

import csv
from datetime import date

import pytest

import semantic_by_hand as rules
import semantic_by_hand_subs as by_hand_rules
from semantic_support import MetricFlowProject, compare_by_hand

pytestmark = pytest.mark.slow
SURVEY_METRICS = {"net_promoter_score": "nps", "customer_satisfaction": "csat", "employee_net_promoter_score": "enps"}
MRR_METRICS = ["monthly_recurring_revenue", "subscription_customers", "subscription_arpa"]
PERIOD = {"week": rules.week, "quarter": rules.quarter, "year": rules.year}


@pytest.fixture(scope="module")
def subs() -> by_hand_rules.Subs:
    return by_hand_rules.load()


def test_the_hand_rules_reject_the_injected_rows(subs: by_hand_rules.Subs) -> None:
    """The hand rules reject exactly the bad rows the sample was seeded with (seeds/sample/_injected_rejects.csv)."""
    tables = {"contacts", "support_tickets", "nps_responses", "csat_responses", "employee_surveys", "subscriptions"}
    with (rules.SAMPLE_DIR / "_injected_rejects.csv").open(newline="") as handle:
        injected = {(row["table_name"], int(row["source_row"])) for row in csv.DictReader(handle)
                    if row["table_name"] in tables}
    assert {"nps_responses", "csat_responses", "employee_surveys"} <= {table for table, _row in injected}
    assert subs.rejected == injected


# ---------------------------------------------------------------- surveys

def test_nps_and_csat_by_quarter_and_industry(mf_project: MetricFlowProject, subs: by_hand_rules.Subs) -> None:
    """The acceptance query: NPS (and CSAT) by quarter x account__industry, which the month views
    could not slice at all."""
    group_by = ["metric_time__quarter", "account__industry"]
    rows = mf_project.query(["net_promoter_score", "customer_satisfaction"], group_by)

    def industry(response: dict) -> str | None:
        return subs.base.accounts[response["account_id"]]["industry"] if response["account_id"] else None

    problems: list[str] = []
    for metric in ("net_promoter_score", "customer_satisfaction"):
        expected = by_hand_rules.survey_score(subs, SURVEY_METRICS[metric],
                                              lambda response: rules.quarter(response["day"]), industry)
        assert len(expected) >= 20
        problems += compare_by_hand(rows, metric, group_by, expected, None)
    assert not problems, "\n".join(problems[:40])


def test_enps_by_year_and_rep_team(mf_project: MetricFlowProject, subs: by_hand_rules.Subs) -> None:
    group_by = ["metric_time__year", "rep__team"]
    rows = mf_project.query(["employee_net_promoter_score"], group_by)
    expected = by_hand_rules.survey_score(
        subs, "enps", lambda response: rules.year(response["day"]),
        lambda response: subs.base.reps[response["rep_id"]]["team"] if response["rep_id"] else None)
    assert len(expected) >= 6
    problems = compare_by_hand(rows, "employee_net_promoter_score", group_by, expected, None)
    assert not problems, "\n".join(problems[:40])


def test_csat_by_year_and_account_region(mf_project: MetricFlowProject, subs: by_hand_rules.Subs) -> None:
    group_by = ["metric_time__year", "account__region"]
    rows = mf_project.query(["customer_satisfaction"], group_by)
    expected = by_hand_rules.survey_score(
        subs, "csat", lambda response: rules.year(response["day"]),
        lambda response: subs.base.accounts[response["account_id"]]["region"] if response["account_id"] else None)
    assert len(expected) >= 4
    problems = compare_by_hand(rows, "customer_satisfaction", group_by, expected, None)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("grain", ["week", "quarter", "year"])
def test_survey_scores_at_every_grain(mf_project: MetricFlowProject, subs: by_hand_rules.Subs, grain: str) -> None:
    """A period without responses has a null score (never 0)."""
    group_by = [f"metric_time__{grain}"]
    rows = mf_project.query(list(SURVEY_METRICS), group_by)
    problems: list[str] = []
    for metric, survey in SURVEY_METRICS.items():
        expected = by_hand_rules.survey_score(subs, survey, lambda response: PERIOD[grain](response["day"]))
        problems += compare_by_hand(rows, metric, group_by, expected, None)
    assert not problems, "\n".join(problems[:40])


def test_response_counts_by_year_and_survey(mf_project: MetricFlowProject, subs: by_hand_rules.Subs) -> None:
    """The helper counts queried together, by the fact's own dimension survey_response__survey:
    each survey's responses, promoters and detractors (0 under another survey's key)."""
    group_by = ["metric_time__year", "survey_response__survey"]
    counts = {"nps_responses": ("nps", lambda score: 1), "nps_promoters": ("nps", lambda score: score >= 9),
              "enps_detractors": ("enps", lambda score: score <= 6), "csat_responses": ("csat", lambda score: 1),
              "satisfied_responses": ("csat", lambda score: score >= 4)}
    rows = mf_project.query(list(counts), group_by)
    problems: list[str] = []
    for metric, (survey, counted) in counts.items():
        expected = rules.total(subs.responses,
                               lambda response: counted(response["score"]) if response["survey"] == survey else 0,
                               lambda response: rules.year(response["day"]), lambda response: response["survey"])
        assert any(value for value in expected.values())
        problems += compare_by_hand(rows, metric, group_by, expected, None)
    assert not problems, "\n".join(problems[:40])


# ---------------------------------------------------------------- MRR

@pytest.mark.parametrize("grain", ["month", "week", "quarter", "year"])
def test_mrr_at_the_end_of_every_period(mf_project: MetricFlowProject, subs: by_hand_rules.Subs,
                                        grain: str) -> None:
    """MRR, subscription customers and ARPA on the last day of each period, not summed over it."""
    group_by = [f"metric_time__{grain}"]
    rows = mf_project.query(MRR_METRICS, group_by)
    mrr, customers = by_hand_rules.mrr_at_period_ends(subs, grain)
    assert len(mrr) >= {"month": 24, "week": 105, "quarter": 8, "year": 3}[grain]
    problems = (compare_by_hand(rows, "monthly_recurring_revenue", group_by, mrr, None)
                + compare_by_hand(rows, "subscription_customers", group_by, customers, None)
                + compare_by_hand(rows, "subscription_arpa", group_by, rules.ratio(mrr, customers), None))
    assert not problems, "\n".join(problems[:40])


def test_quarter_mrr_is_its_last_month_end_not_the_sum_of_its_months(mf_project: MetricFlowProject,
                                                                        subs: by_hand_rules.Subs) -> None:
    """The point of a snapshot: a quarter's MRR is the MRR of its last day (the end of its last
    month), which differs from the sum (or the mean) of its three month ends."""
    quarterly = {row["metric_time__quarter"][:10]: float(row["monthly_recurring_revenue"])
                 for row in mf_project.query(["monthly_recurring_revenue"], ["metric_time__quarter"])}
    monthly, _customers = by_hand_rules.mrr_at_period_ends(subs, "month")
    summed: dict[str, float] = {}
    last_month: dict[str, float] = {}
    for (month,), value in sorted(monthly.items()):
        quarter = rules.quarter(date.fromisoformat(month))
        summed[quarter] = summed.get(quarter, 0.0) + value
        last_month[quarter] = value  # months in order: the quarter's last one wins
    assert quarterly.keys() == last_month.keys()
    for quarter, value in quarterly.items():
        assert value == pytest.approx(last_month[quarter], abs=0.01)
        assert abs(value - summed[quarter]) > 1.0  # the sum of the months is ~3x the quarter-end MRR
        assert abs(value - summed[quarter] / 3) > 0.01 or quarter == min(quarterly)


def test_mrr_by_quarter_and_industry(mf_project: MetricFlowProject, subs: by_hand_rules.Subs) -> None:
    group_by = ["metric_time__quarter", "account__industry"]
    rows = mf_project.query(MRR_METRICS, group_by)
    mrr, customers = by_hand_rules.mrr_at_period_ends(
        subs, "quarter", lambda sub: subs.base.accounts[sub["account_id"]]["industry"])
    assert len(mrr) >= 20
    problems = (compare_by_hand(rows, "monthly_recurring_revenue", group_by, mrr, None)
                + compare_by_hand(rows, "subscription_customers", group_by, customers, None)
                + compare_by_hand(rows, "subscription_arpa", group_by, rules.ratio(mrr, customers), None))
    assert not problems, "\n".join(problems[:40])


def test_mrr_and_customers_by_year_and_product(mf_project: MetricFlowProject, subs: by_hand_rules.Subs) -> None:
    """By product (product__product_name; every subscription product of the sample is in the
    category software). Subscription customers are distinct accounts: an account subscribed to
    two products counts under each, so the products add up to more than the year's customers."""
    group_by = ["metric_time__year", "product__product_name"]
    rows = mf_project.query(["monthly_recurring_revenue", "subscription_customers"], group_by)

    def product(sub: dict) -> str | None:
        return subs.base.products[sub["product_id"]]["product_name"] if sub["product_id"] else None

    mrr, customers = by_hand_rules.mrr_at_period_ends(subs, "year", product)
    assert len(mrr) >= 10
    _mrr, total_customers = by_hand_rules.mrr_at_period_ends(subs, "year")
    assert any(sum(count for (year, _p), count in customers.items() if year == key[0]) > total
               for key, total in total_customers.items())
    problems = (compare_by_hand(rows, "monthly_recurring_revenue", group_by, mrr, None)
                + compare_by_hand(rows, "subscription_customers", group_by, customers, None))
    assert not problems, "\n".join(problems[:40])
