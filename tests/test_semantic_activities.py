"""The activity KPIs of the semantic layer (models/semantic/activities.yml) at row grain.

mf queries of the built sample against values worked out by hand from the sample CSVs
(tests/semantic_by_hand_activities.py): by quarter, rep team and activity type, by
year and account industry, at every time grain, and sales_activity_ratio by quarter
and rep team, where a quarter's ratio is not what the month values add up to.
"""

from __future__ import annotations

import csv

import pytest

import semantic_by_hand as base
import semantic_by_hand_activities as rules
from semantic_support import MetricFlowProject, compare_by_hand

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def by_hand() -> rules.Activities:
    return rules.load()


def team(data: rules.Activities):
    return lambda rep_id: data.sample.reps[rep_id]["team"] if rep_id else None


def industry(data: rules.Activities):
    return lambda row: data.sample.accounts[row["account_id"]]["industry"] if row["account_id"] else None


def test_the_hand_rules_reject_the_injected_rows(by_hand: rules.Activities) -> None:
    """The injected bad activity and ticket rows are rejected, and so is nothing else in the sample:
    no activity references a lead, contact, account, rep or deal the hand rules rejected."""
    with (base.SAMPLE_DIR / "_injected_rejects.csv").open(newline="") as handle:
        injected = {(row["table_name"], int(row["source_row"])) for row in csv.DictReader(handle)
                    if row["table_name"] in {"activities", "leads", "contacts", "campaigns", "support_tickets"}}
    assert by_hand.rejected == injected
    assert len(by_hand.rows) > 3000 and len(by_hand.tickets) > 200


def test_activities_by_quarter_rep_team_and_type(mf_project: MetricFlowProject, by_hand: rules.Activities) -> None:
    """activities and time_on_sales_activities by quarter x rep__team x activity__activity_type
    (the per-type split of activities_by_type and of the mart's minutes)."""
    group_by = ["metric_time__quarter", "rep__team", "activity__activity_type"]
    rows = mf_project.query(["activities", "rep_activities", "time_on_sales_activities"], group_by)
    keys = (lambda row: base.quarter(row["day"]), lambda row: team(by_hand)(row["rep_id"]),
            lambda row: row["activity_type"])
    activities = base.total(by_hand.rows, lambda row: 1, *keys)
    minutes = rules.rep_activities(by_hand, lambda row: row["minutes"], *keys)
    assert len(activities) >= 40
    problems = (compare_by_hand(rows, "activities", group_by, activities, 0.0)
                + compare_by_hand(rows, "rep_activities", group_by, rules.rep_activities(by_hand, lambda r: 1, *keys),
                                  0.0)
                + compare_by_hand(rows, "time_on_sales_activities", group_by, minutes, 0.0))
    assert not problems, "\n".join(problems[:40])


def test_activity_kpis_by_year_and_account_industry(mf_project: MetricFlowProject,
                                                    by_hand: rules.Activities) -> None:
    """Through the activity's account: a split the month views could not give."""
    group_by = ["metric_time__year", "account__industry"]
    metrics = ["activities", "time_on_sales_activities", "social_engagement", "product_demos"]
    rows = mf_project.query(metrics, group_by)
    keys = (lambda row: base.year(row["day"]), industry(by_hand))
    expected = {
        "activities": base.total(by_hand.rows, lambda row: 1, *keys),
        "time_on_sales_activities": rules.rep_activities(by_hand, lambda row: row["minutes"], *keys),
        "social_engagement": base.total(by_hand.rows, lambda row: int(
            row["activity_type"] == "social_engagement" and row["social_kind"] is not None), *keys),
        "product_demos": base.total(by_hand.rows, lambda row: int(row["activity_type"] == "demo"), *keys),
    }
    assert len(expected["activities"]) >= 10
    problems: list[str] = []
    for metric, values in expected.items():
        problems += compare_by_hand(rows, metric, group_by, values, 0.0)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("grain", ["day", "week", "month", "quarter", "year"])
def test_activity_kpis_at_every_grain(mf_project: MetricFlowProject, by_hand: rules.Activities, grain: str) -> None:
    """A period without activities is 0 (the metrics fill the time spine)."""
    bucket = {"day": lambda day: day.isoformat(), "week": base.week, "month": lambda day: rules.month_of(day).isoformat(),
              "quarter": base.quarter, "year": base.year}[grain]
    group_by = [f"metric_time__{grain}"]
    metrics = ["activities", "time_on_sales_activities", "social_engagement", "product_demos",
               "rep_networking_events"]
    rows = mf_project.query(metrics, group_by)
    when = lambda row: bucket(row["day"])  # noqa: E731
    expected = {
        "activities": base.total(by_hand.rows, lambda row: 1, when),
        "time_on_sales_activities": rules.rep_activities(by_hand, lambda row: row["minutes"], when),
        "social_engagement": base.total(by_hand.rows, lambda row: int(
            row["activity_type"] == "social_engagement" and row["social_kind"] is not None), when),
        "product_demos": base.total(by_hand.rows, lambda row: int(row["activity_type"] == "demo"), when),
        "rep_networking_events": rules.rep_activities(
            by_hand, lambda row: int(row["activity_type"] == "networking_event"), when),
    }
    problems: list[str] = []
    for metric, values in expected.items():
        problems += compare_by_hand(rows, metric, group_by, values, 0.0)
    assert not problems, "\n".join(problems[:40])


def test_social_engagement_by_quarter_and_kind(mf_project: MetricFlowProject, by_hand: rules.Activities) -> None:
    group_by = ["metric_time__quarter", "activity__social_kind"]
    rows = mf_project.query(["social_engagement"], group_by)
    expected = base.total([row for row in by_hand.rows if row["activity_type"] == "social_engagement"
                           and row["social_kind"] is not None], lambda row: 1,
                          lambda row: base.quarter(row["day"]), lambda row: row["social_kind"])
    assert len(expected) >= 20
    problems = compare_by_hand(rows, "social_engagement", group_by, expected, 0.0)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("grain", ["quarter", "year"])
def test_per_rep_kpis_and_sales_activity_ratio_by_period_and_rep_team(mf_project: MetricFlowProject,
                                                                       by_hand: rules.Activities,
                                                                       grain: str) -> None:
    """activities_by_type, networking_events (0 for a team of the rep grid without any, no value
    outside it) and sales_activity_ratio = the period's activities / its won deals, per rep team.
    The point of row grain: the ratio of a quarter is not the sum, nor the mean, of the team's
    monthly ratios."""
    period = base.quarter if grain == "quarter" else base.year
    group_by = [f"metric_time__{grain}", "rep__team"]
    rows = mf_project.query(["activities_by_type", "networking_events", "sales_activity_ratio"], group_by)
    keys = (lambda row: period(row["day"]), lambda row: team(by_hand)(row["rep_id"]))
    activities = rules.on_roster(by_hand, rules.rep_activities(by_hand, lambda row: 1, *keys), period, team(by_hand))
    networking = rules.on_roster(by_hand, rules.rep_activities(
        by_hand, lambda row: int(row["activity_type"] == "networking_event"), *keys), period, team(by_hand))
    won = base.total(by_hand.won, lambda deal: 1, *keys)
    ratio = rules.ratio_by_hand(activities, won)
    assert any(value == 0 for value in networking.values()) and len(ratio) >= (8 if grain == "quarter" else 5)
    problems = (compare_by_hand(rows, "activities_by_type", group_by, activities, None)
                + compare_by_hand(rows, "networking_events", group_by, networking, None)
                + compare_by_hand(rows, "sales_activity_ratio", group_by, ratio, None))
    assert not problems, "\n".join(problems[:40])

    # the monthly ratios of the same team: summing or averaging them does not give the period's ratio
    month_keys = (lambda row: (period(row["day"]), rules.month_of(row["day"])), keys[1])
    monthly = rules.ratio_by_hand(
        rules.on_roster(by_hand, rules.rep_activities(by_hand, lambda row: 1, *month_keys),
                        lambda month: (period(month), month), team(by_hand)),
        base.total(by_hand.won, lambda deal: 1, *month_keys))
    per_period: dict[tuple, list[float]] = {}
    for ((period_start, _month), team_name), value in monthly.items():
        per_period.setdefault((period_start, team_name), []).append(value)
    differs = [key for key, values in per_period.items() if key in ratio and len(values) > 1
               and abs(sum(values) - ratio[key]) > 0.01 and abs(sum(values) / len(values) - ratio[key]) > 0.01]
    assert differs, "no period where the monthly ratios disagree with the period's ratio"


@pytest.mark.parametrize("grain", ["quarter", "year"])
def test_inquiry_response_time_by_period_channel_and_industry(mf_project: MetricFlowProject,
                                                                by_hand: rules.Activities, grain: str) -> None:
    """customer_inquiry_response_time from the tickets, by period and ticket__channel, and by period
    and account__industry. The point of row grain: a quarter's mean weighs each answered inquiry,
    and differs from the mean of its months' means."""
    period = base.quarter if grain == "quarter" else base.year
    when = lambda ticket: period(ticket["day"])  # noqa: E731
    by_channel = [f"metric_time__{grain}", "ticket__channel"]
    rows = mf_project.query(["customer_inquiry_response_time", "channel_inquiries"], by_channel)
    expected = rules.response_time(by_hand, when, lambda ticket: ticket["channel"])
    inquiries = base.total([ticket for ticket in by_hand.tickets if ticket["ticket_type"] == "inquiry"
                            and ticket["channel"]], lambda ticket: 1, when, lambda ticket: ticket["channel"])
    assert len(expected) >= (15 if grain == "quarter" else 5)
    problems = (compare_by_hand(rows, "customer_inquiry_response_time", by_channel, expected, None)
                + compare_by_hand(rows, "channel_inquiries", by_channel, inquiries, 0.0))

    by_industry = [f"metric_time__{grain}", "account__industry"]
    rows = mf_project.query(["customer_inquiry_response_time"], by_industry)
    problems += compare_by_hand(rows, "customer_inquiry_response_time", by_industry,
                                rules.response_time(by_hand, when, industry(by_hand)), None)
    assert not problems, "\n".join(problems[:40])

    monthly = rules.response_time(by_hand, lambda ticket: (when(ticket), rules.month_of(ticket["day"])))
    means: dict[str, list[float]] = {}
    for ((period_start, _month),), value in monthly.items():
        means.setdefault(period_start, []).append(value)
    overall = rules.response_time(by_hand, when)
    assert any(abs(sum(values) / len(values) - overall[(key,)]) > 0.01 for key, values in means.items())
