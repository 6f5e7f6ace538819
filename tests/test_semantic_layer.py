"""The MetricFlow semantic layer (models/semantic/) gives the marts' numbers.

Every metric named after a kpi_id must equal the KPI's mart view, month by month,
within 0.01 (the `mf` CLI queries the built sample: tests/semantic_support.py); the
row-grain metrics of orders, deals and quotes must equal values worked out by hand from
the sample CSVs (tests/semantic_by_hand.py) at any grain and by any dimension, and the
additive ones the sums of the pandas reference's months (tests/reference).
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

import semantic_by_hand as by_hand_rules
from conftest import query
from reference import loader, registry
from semantic_support import MetricFlowProject, as_number, compare_by_hand, mismatches

pytestmark = pytest.mark.slow
# the KPIs of the month x rep views, queried grouped by metric_time__month and the entity rep
REP_METRICS = ["sales_per_rep", "activities_by_type", "networking_events", "sales_activity_ratio"]


def month_kpis(database: Path) -> list[tuple[str, str, str]]:
    """(kpi_id, relation, column) of the KPIs whose grain is the month alone."""
    return query(database, 'select kpi_id, relation, "column" from marts.kpi_catalog '
                           "where grain = 'month' order by kpi_id")


def test_every_month_kpi_is_a_metric(mf_project: MetricFlowProject, sample_db: Path) -> None:
    manifest = json.loads((mf_project.root / "target" / "semantic_manifest.json").read_text())
    metrics = {metric["name"] for metric in manifest["metrics"]}
    month_grain = {row[0] for row in query(sample_db, "select kpi_id from marts.kpi_catalog "
                                                      "where grain = 'month' or grain like 'month,%'")}
    assert len(month_grain) >= 50
    assert sorted(month_grain - metrics) == []


def test_month_metrics_equal_the_mart_views(mf_project: MetricFlowProject, sample_db: Path) -> None:
    kpis = month_kpis(sample_db)
    rows = mf_project.query([kpi_id for kpi_id, _r, _c in kpis], ["metric_time__month"])
    assert rows, "MetricFlow returned no rows"
    problems: list[str] = []
    for kpi_id, relation, column in kpis:
        expected = {month.isoformat(): value
                    for month, value in query(sample_db, f'select month, "{column}" from {relation}')}
        actual = {row["metric_time__month"][:10]: as_number(row[kpi_id]) for row in rows}
        problems += mismatches(expected, actual, kpi_id)
    assert not problems, "\n".join(problems[:40])


def test_rep_breakdowns_equal_the_mart_views(mf_project: MetricFlowProject, sample_db: Path) -> None:
    catalog = dict((kpi_id, (relation, column)) for kpi_id, relation, column in query(
        sample_db, 'select kpi_id, relation, "column" from marts.kpi_catalog where grain = \'month, rep_id\''))
    assert sorted(catalog) == sorted(REP_METRICS)
    rows = mf_project.query(REP_METRICS, ["metric_time__month", "rep"])
    problems: list[str] = []
    for kpi_id, (relation, column) in catalog.items():
        expected = {(month.isoformat(), rep): value
                    for month, rep, value in query(sample_db, f'select month, rep_id, "{column}" from {relation}')}
        # a metric's rows where another metric of the query has data show as nulls: no row in the mart either
        actual = {(row["metric_time__month"][:10], row["rep"] or None): as_number(row[kpi_id]) for row in rows}
        problems += mismatches(expected, actual, kpi_id)
    assert not problems, "\n".join(problems[:40])


# ---------------------------------------------------------------- row grain vs by hand
# sales_revenue and win_rate are built on row-grain facts (models/semantic/row_grain.yml):
# at any grain and by any dimension they must equal what tests/semantic_by_hand.py
# computes from the sample CSVs in plain Python.

@pytest.fixture(scope="module")
def by_hand() -> by_hand_rules.Sample:
    return by_hand_rules.load()


def test_the_hand_rules_reject_the_injected_rows(by_hand: by_hand_rules.Sample) -> None:
    """The hand rules reject exactly the bad rows the sample was seeded with (seeds/sample/_injected_rejects.csv)."""
    tables = {"accounts", "sales_reps", "products", "orders", "order_lines", "opportunities", "quotes", "invoices"}
    with (by_hand_rules.SAMPLE_DIR / "_injected_rejects.csv").open(newline="") as handle:
        injected = {(row["table_name"], int(row["source_row"])) for row in csv.DictReader(handle)
                    if row["table_name"] in tables}
    assert by_hand.rejected == injected


def test_acceptance_win_rate_and_revenue_by_quarter_and_industry(mf_project: MetricFlowProject,
                                                                  by_hand: by_hand_rules.Sample) -> None:
    group_by = ["metric_time__quarter", "account__industry"]
    rows = mf_project.query(["win_rate", "sales_revenue"], group_by)

    def industry(row: dict) -> str | None:
        return by_hand.accounts[row["account_id"]]["industry"] if row["account_id"] else None

    def when(row: dict) -> str:
        return by_hand_rules.quarter(row["day"])

    revenue = by_hand_rules.sales_revenue(by_hand, when, industry)
    rate = by_hand_rules.win_rate(by_hand, when, industry)
    assert len(revenue) >= 40 and len(rate) >= 40
    problems = (compare_by_hand(rows, "sales_revenue", group_by, revenue, 0.0)
                + compare_by_hand(rows, "win_rate", group_by, rate, None))
    assert not problems, "\n".join(problems[:40])


def test_revenue_by_year_region_and_product_family(mf_project: MetricFlowProject,
                                                   by_hand: by_hand_rules.Sample) -> None:
    group_by = ["metric_time__year", "account__region", "product__category"]
    rows = mf_project.query(["sales_revenue"], group_by)
    expected = by_hand_rules.sales_revenue(
        by_hand, lambda line: by_hand_rules.year(line["day"]),
        lambda line: by_hand.accounts[line["account_id"]]["region"] if line["account_id"] else None,
        lambda line: by_hand.products[line["product_id"]]["category"])
    assert len(expected) >= 10
    problems = compare_by_hand(rows, "sales_revenue", group_by, expected, 0.0)
    assert not problems, "\n".join(problems[:40])


def test_win_rate_by_year_rep_team_and_deal_type(mf_project: MetricFlowProject,
                                                 by_hand: by_hand_rules.Sample) -> None:
    group_by = ["metric_time__year", "rep__team", "opportunity__deal_type"]
    rows = mf_project.query(["win_rate"], group_by)
    expected = by_hand_rules.win_rate(
        by_hand, lambda deal: by_hand_rules.year(deal["day"]),
        lambda deal: by_hand.reps[deal["rep_id"]]["team"] if deal["rep_id"] else None,
        lambda deal: deal["deal_type"])
    assert len(expected) >= 10
    problems = compare_by_hand(rows, "win_rate", group_by, expected, None)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("grain", ["day", "week", "quarter", "year"])
def test_revenue_and_win_rate_at_every_grain(mf_project: MetricFlowProject, by_hand: by_hand_rules.Sample,
                                             grain: str) -> None:
    """A period without orders is 0 revenue (the metric fills the time spine), one without closed deals a null rate."""
    bucket = {"day": lambda day: day.isoformat(), "week": by_hand_rules.week,
              "quarter": by_hand_rules.quarter, "year": by_hand_rules.year}[grain]
    group_by = [f"metric_time__{grain}"]
    rows = mf_project.query(["win_rate", "sales_revenue"], group_by)
    problems = (compare_by_hand(rows, "sales_revenue", group_by,
                                by_hand_rules.sales_revenue(by_hand, lambda line: bucket(line["day"])), 0.0)
                + compare_by_hand(rows, "win_rate", group_by,
                                  by_hand_rules.win_rate(by_hand, lambda deal: bucket(deal["day"])), None))
    assert not problems, "\n".join(problems[:40])


def test_fiscal_quarters_starting_in_february(sample_db: Path, by_hand: by_hand_rules.Sample,
                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    """With fiscal_year_start_month 2 (FY2027 = 2026-02-01 to 2027-01-31, Q1 = February to April),
    metric_time__fiscal_quarter and metric_time__fiscal_year regroup the days of the time spine,
    rebuilt on a copy of the sample: quarters and years across the calendar ones."""
    root = tmp_path_factory.mktemp("fiscal")
    database = root / "crm_kpi.duckdb"
    shutil.copyfile(sample_db, database)
    project = MetricFlowProject(root / "project", database)
    project.env.update(CRM_KPI_ACCESS_MODE="automatic", CRM_KPI_DATA_DIR=str(by_hand_rules.SAMPLE_DIR))
    project.dbt("run", "--select", "metricflow_time_spine", "int_months", "--vars", "{fiscal_year_start_month: 2}")
    project.env["CRM_KPI_ACCESS_MODE"] = "read_only"
    assert (project.root / "target" / "semantic_manifest.json").exists()

    group_by = ["metric_time__fiscal_quarter"]
    rows = project.query(["win_rate", "sales_revenue"], group_by)
    assert {row["metric_time__fiscal_quarter"] for row in rows} >= {"FY2025-Q2", "FY2026-Q4", "FY2027-Q2"}
    problems = (compare_by_hand(rows, "sales_revenue", group_by, by_hand_rules.sales_revenue(
                    by_hand, lambda line: by_hand_rules.fiscal_quarter(line["day"], 2)), 0.0)
                + compare_by_hand(rows, "win_rate", group_by, by_hand_rules.win_rate(
                    by_hand, lambda deal: by_hand_rules.fiscal_quarter(deal["day"], 2)), None))

    group_by = ["metric_time__fiscal_year", "account__industry"]
    rows = [{**row, "metric_time__fiscal_year": str(int(float(row["metric_time__fiscal_year"])))}
            for row in project.query(["sales_revenue"], group_by)]
    problems += compare_by_hand(rows, "sales_revenue", group_by, by_hand_rules.sales_revenue(
        by_hand, lambda line: by_hand_rules.fiscal_quarter(line["day"], 2)[2:6],
        lambda line: by_hand.accounts[line["account_id"]]["industry"] if line["account_id"] else None), 0.0)
    assert not problems, "\n".join(problems[:40])

    # a month-view metric regroups by the fiscal quarter of its months (calendar_month, int_months):
    # each fiscal quarter is the sum of its months in the mart, the quarter worked out here
    monthly = query(database, "select month, sales_marketing_expenses_amount, returning_revenue_amount "
                              "from marts.customer_acquisition_cost join marts.new_vs_returning_revenue using (month)")
    expected: dict[str, list[float]] = {}
    for month, expenses, returning in monthly:
        sums = expected.setdefault(by_hand_rules.fiscal_quarter(month, 2), [0.0, 0.0])
        sums[0] += float(expenses)
        sums[1] += float(returning)
    rows = project.query(["sales_marketing_expenses", "returning_revenue"],
                         ["calendar_month__fiscal_quarter_of_month"])
    got = {row["calendar_month__fiscal_quarter_of_month"]: [as_number(row["sales_marketing_expenses"]),
                                                            as_number(row["returning_revenue"])] for row in rows}
    assert set(got) == set(expected)
    assert all(abs(got[key][i] - expected[key][i]) <= 0.01 for key in expected for i in (0, 1)), (got, expected)
    assert {"FY2025-Q2", "FY2025-Q3", "FY2026-Q1"} <= set(got)  # July 2024 is in FY2025-Q2 (May-July)


def test_deal_and_volume_kpis_by_quarter_and_industry(mf_project: MetricFlowProject,
                                                      by_hand: by_hand_rules.Sample) -> None:
    """deals_won, won_amount, average_deal_size, win_loss_ratio and units_sold are row-grain too."""
    group_by = ["metric_time__quarter", "account__industry"]
    metrics = ["deals_won", "won_amount", "average_deal_size", "win_loss_ratio", "units_sold"]
    rows = mf_project.query(metrics, group_by)

    def by_key(rows: list[dict], value) -> dict[tuple, float]:
        return by_hand_rules.total(
            rows, value, lambda row: by_hand_rules.quarter(row["day"]),
            lambda row: by_hand.accounts[row["account_id"]]["industry"] if row["account_id"] else None)

    won = by_key(by_hand.deals, lambda deal: int(deal["won"]))
    lost = by_key(by_hand.deals, lambda deal: int(not deal["won"]))
    won_amount = by_key(by_hand.deals, lambda deal: deal["amount"] if deal["won"] else 0)
    expected = {  # metric: (values, value of a key without events)
        "deals_won": (won, 0.0),
        "won_amount": (won_amount, 0.0),
        "average_deal_size": (by_hand_rules.ratio(won_amount, won), None),
        "win_loss_ratio": (by_hand_rules.ratio(won, lost), None),
        "units_sold": (by_key(by_hand.lines, lambda line: line["units"]), 0.0),
    }
    problems: list[str] = []
    for metric, (values, absent) in expected.items():
        problems += compare_by_hand(rows, metric, group_by, values, absent)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("grain", ["quarter", "year"])
def test_order_kpis_by_period_and_rep_team(mf_project: MetricFlowProject, by_hand: by_hand_rules.Sample,
                                           grain: str) -> None:
    """order_count, average_order_value and avg_revenue_per_account (a distinct count of accounts in the
    period, not a sum of monthly ones) by quarter or year and the team of the order's rep."""
    group_by = [f"metric_time__{grain}", "rep__team"]
    rows = mf_project.query(["order_count", "average_order_value", "avg_revenue_per_account"], group_by)
    period = by_hand_rules.quarter if grain == "quarter" else by_hand_rules.year
    keys = (lambda row: period(row["day"]),
            lambda row: by_hand.reps[row["rep_id"]]["team"] if row["rep_id"] else None)
    orders = by_hand_rules.total(by_hand.orders, lambda order: 1, *keys)
    accounts = by_hand_rules.distinct(by_hand.orders, lambda order: order["account_id"], *keys)
    revenue = by_hand_rules.total(by_hand.lines, lambda line: line["revenue"], *keys)
    # the point of row grain: some account orders in two months of a period, so the sum of the
    # monthly distinct counts (what the month view gave) is larger than the period's distinct count
    monthly = by_hand_rules.distinct(by_hand.orders, lambda order: order["account_id"],
                                     lambda order: (period(order["day"]), order["day"].month), keys[1])
    summed_monthly: dict[tuple, float] = {}
    for ((period_start, _month), team), count in monthly.items():
        summed_monthly[(period_start, team)] = summed_monthly.get((period_start, team), 0.0) + count
    assert any(accounts[key] < summed_monthly[key] for key in accounts)
    problems = (compare_by_hand(rows, "order_count", group_by, orders, 0.0)
                + compare_by_hand(rows, "average_order_value", group_by, by_hand_rules.ratio(revenue, orders), None)
                + compare_by_hand(rows, "avg_revenue_per_account", group_by,
                                  by_hand_rules.ratio(revenue, accounts), None))
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize(("grain", "dimension"), [("quarter", "rep__team"), ("year", "account__industry")])
def test_pipeline_kpis_by_period_and_dimension(mf_project: MetricFlowProject, by_hand: by_hand_rules.Sample,
                                               grain: str, dimension: str) -> None:
    """Sales cycle lengths, opportunities created, close ratio (deals open at some time in the period:
    a distinct count), proposals sent and quote-to-invoice rate by quarter x the rep's team and by
    year x the account's industry."""
    group_by = [f"metric_time__{grain}", dimension]
    metrics = ["sales_cycle_length", "sales_cycle_length_all_closed", "opportunities_created", "close_ratio",
               "proposals_sent", "quote_to_invoice_rate"]
    rows = mf_project.query(metrics, group_by)
    period = by_hand_rules.quarter if grain == "quarter" else by_hand_rules.year

    def of(row: dict) -> str | None:
        if dimension == "rep__team":
            return by_hand.reps[row["rep_id"]]["team"] if row["rep_id"] else None
        return by_hand.accounts[row["account_id"]]["industry"] if row["account_id"] else None

    def by_key(rows: list[dict], value) -> dict[tuple, float]:
        return by_hand_rules.total(rows, value, lambda row: period(row["day"]), of)

    won = by_key(by_hand.deals, lambda deal: int(deal["won"]))
    closed = by_key(by_hand.deals, lambda deal: 1)
    won_days = by_key(by_hand.deals, lambda deal: deal["cycle_days"] if deal["won"] else 0)
    closed_days = by_key(by_hand.deals, lambda deal: deal["cycle_days"])
    open_deals: dict[tuple, float] = {}
    for opportunity in by_hand.opportunities:
        for start in by_hand_rules.open_periods(opportunity, period):
            open_deals[(start, of(opportunity))] = open_deals.get((start, of(opportunity)), 0.0) + 1
    sent = by_key(by_hand.quotes, lambda quote: 1)
    invoiced = by_key(by_hand.quotes, lambda quote: int(quote["invoiced"]))
    expected = {  # metric: (values, value of a key without events)
        "sales_cycle_length": (by_hand_rules.ratio(won_days, won), None),
        "sales_cycle_length_all_closed": (by_hand_rules.ratio(closed_days, closed), None),
        "opportunities_created": (by_key(by_hand.opportunities, lambda deal: 1), 0.0),
        "close_ratio": (by_hand_rules.ratio(won, open_deals, 100.0), None),
        "proposals_sent": (sent, 0.0),
        "quote_to_invoice_rate": (by_hand_rules.ratio(invoiced, sent, 100.0), None),
    }
    # a deal open across months counts once in their period: fewer than the months' counts summed
    monthly_open = sum(len(by_hand_rules.open_periods(deal, lambda day: (day.year, day.month)))
                       for deal in by_hand.opportunities)
    assert sum(open_deals.values()) < monthly_open
    assert all(len(values) >= 8 for values, _absent in expected.values())
    problems: list[str] = []
    for metric, (values, absent) in expected.items():
        problems += compare_by_hand(rows, metric, group_by, values, absent)
    assert not problems, "\n".join(problems[:40])


def test_pipeline_value_at_the_period_end_by_rep_team(mf_project: MetricFlowProject,
                                                      by_hand: by_hand_rules.Sample) -> None:
    """pipeline_value over a quarter or a year is the open pipeline at its last month end (a snapshot,
    not a sum of month ends), by the team of the deal's owner."""
    for grain, period_end in (("quarter", lambda start: date(start.year, start.month + 2, 1)),
                              ("year", lambda start: date(start.year, 12, 1))):
        group_by = [f"metric_time__{grain}", "rep__team"]
        rows = mf_project.query(["pipeline_value"], group_by)
        period = by_hand_rules.quarter if grain == "quarter" else by_hand_rules.year
        last_months = {period(month): min(period_end(date.fromisoformat(period(month))), month)
                       for month in by_hand_rules.months()}
        expected: dict[tuple, float] = {}
        for start, month in last_months.items():
            month_end = by_hand_rules.month_end(month)
            for deal in by_hand.opportunities:
                if deal["day"] <= month_end and (deal["closed"] is None or deal["closed"] > month_end):
                    team = by_hand.reps[deal["rep_id"]]["team"] if deal["rep_id"] else None
                    expected[(start, team)] = expected.get((start, team), 0.0) + float(deal["amount"])
        summed = sum(float(deal["amount"]) for month in by_hand_rules.months() for deal in by_hand.opportunities
                     if deal["day"] <= by_hand_rules.month_end(month)
                     and (deal["closed"] is None or deal["closed"] > by_hand_rules.month_end(month)))
        assert len(expected) >= 6 and sum(expected.values()) < summed
        problems = compare_by_hand(rows, "pipeline_value", group_by, expected, None)
        assert not problems, "\n".join(problems[:40])


# the additive KPIs: a quarter's or a year's value is the sum of its months, so the pandas
# reference (tests/reference, month grain) gives it independently of the hand rules above
ADDITIVE = ["sales_revenue", "units_sold", "order_count", "deals_won", "opportunities_created", "proposals_sent",
            "new_leads", "new_customers", "referrals", "product_demos", "social_engagement",
            "time_on_sales_activities"]


@pytest.mark.parametrize("grain", ["quarter", "year"])
def test_additive_metrics_sum_the_pandas_reference_months(mf_project: MetricFlowProject, grain: str) -> None:
    clean = loader.load(by_hand_rules.SAMPLE_DIR)
    period = by_hand_rules.quarter if grain == "quarter" else by_hand_rules.year
    rows = mf_project.query(ADDITIVE, [f"metric_time__{grain}"])
    problems: list[str] = []
    for kpi_id in ADDITIVE:
        monthly = registry.KPIS[kpi_id](clean)
        expected: dict[tuple, float] = {}
        for month, value in zip(monthly["month"], monthly["value"]):
            key = (period(month.date()),)
            expected[key] = expected.get(key, 0.0) + float(value)
        problems += compare_by_hand(rows, kpi_id, [f"metric_time__{grain}"], expected, 0.0)
    assert not problems, "\n".join(problems[:40])
