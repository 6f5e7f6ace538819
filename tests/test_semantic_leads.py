"""The lead cohort KPIs of the semantic layer are at row grain (models/semantic/leads.yml,
semantic model `leads` on semantic.sem_leads, dimension model `campaigns`): at any grain
and by any dimension of the lead (its source, origin, latest stage, campaign channel,
owner rep's team...) they equal what tests/semantic_by_hand_leads.py computes from the
sample CSVs in plain Python. At month grain they equal the marts
(tests/test_semantic_layer.py::test_month_metrics_equal_the_mart_views).
"""

from __future__ import annotations

import csv

import pytest

import semantic_by_hand as base_rules
import semantic_by_hand_leads as rules
from semantic_support import MetricFlowProject, compare_by_hand

pytestmark = pytest.mark.slow
METRICS = list(rules.KPIS)


@pytest.fixture(scope="module")
def by_hand() -> rules.Leads:
    return rules.load()


def channel(by_hand: rules.Leads):
    def of(lead: dict) -> str | None:
        return by_hand.campaigns[lead["campaign_id"]]["channel"].lower() if lead["campaign_id"] else None
    return of


def team(by_hand: rules.Leads):
    def of(lead: dict) -> str | None:
        return by_hand.base.reps[lead["rep_id"]]["team"] if lead["rep_id"] else None
    return of


def compare_all(rows: list[dict], metrics: list[str], group_by: list[str], leads: list[dict], *keys) -> list[str]:
    problems: list[str] = []
    for metric in metrics:
        compute, absent = rules.KPIS[metric]
        problems += compare_by_hand(rows, metric, group_by, compute(leads, *keys), absent)
    return problems


def test_the_hand_rules_reject_the_injected_rows(by_hand: rules.Leads) -> None:
    """The lead rules reject exactly the bad rows the sample was seeded with in the tables they read."""
    tables = {"leads", "lead_stage_history", "campaigns", "activities", "contacts", "subscriptions"}
    with (rules.SAMPLE_DIR / "_injected_rejects.csv").open(newline="") as handle:
        injected = {(row["table_name"], int(row["source_row"])) for row in csv.DictReader(handle)
                    if row["table_name"] in tables}
    assert injected and by_hand.rejected == injected


def test_acceptance_conversion_and_new_leads_by_quarter_and_channel(mf_project: MetricFlowProject,
                                                                    by_hand: rules.Leads) -> None:
    group_by = ["metric_time__quarter", "campaign__channel"]
    rows = mf_project.query(["lead_conversion_rate", "new_leads"], group_by)
    keys = (lambda lead: base_rules.quarter(lead["day"]), channel(by_hand))
    expected = rules.new_leads(by_hand.leads, *keys)
    assert len(expected) >= 20 and any(key[1] is None for key in expected)  # leads without a campaign: null
    problems = compare_all(rows, ["lead_conversion_rate", "new_leads"], group_by, by_hand.leads, *keys)
    assert not problems, "\n".join(problems[:40])


def test_every_lead_kpi_by_year_source_and_rep_team(mf_project: MetricFlowProject, by_hand: rules.Leads) -> None:
    group_by = ["metric_time__year", "lead__source", "rep__team"]
    rows = mf_project.query(METRICS, group_by)
    keys = (lambda lead: base_rules.year(lead["day"]), lambda lead: lead["source"], team(by_hand))
    assert len(rules.new_leads(by_hand.leads, *keys)) >= 30
    problems = compare_all(rows, METRICS, group_by, by_hand.leads, *keys)
    assert not problems, "\n".join(problems[:40])


def test_lead_kpis_by_quarter_origin_and_latest_stage(mf_project: MetricFlowProject, by_hand: rules.Leads) -> None:
    group_by = ["metric_time__quarter", "lead__origin", "lead__latest_stage"]
    metrics = ["new_leads", "lead_conversion_rate", "leads_followed_up", "lead_response_time"]
    rows = mf_project.query(metrics, group_by)
    keys = (lambda lead: base_rules.quarter(lead["day"]), lambda lead: lead["origin"],
            lambda lead: lead["latest_stage"])
    expected = rules.new_leads(by_hand.leads, *keys)
    assert {key[2] for key in expected} == {"lead", "mql", "sql", "opportunity", "customer", "disqualified"}
    problems = compare_all(rows, metrics, group_by, by_hand.leads, *keys)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("grain", ["day", "week", "quarter", "year"])
def test_lead_kpis_at_every_grain(mf_project: MetricFlowProject, by_hand: rules.Leads, grain: str) -> None:
    """A period of the spine without leads is 0 new leads and a null rate."""
    bucket = {"day": lambda day: day.isoformat(), "week": base_rules.week,
              "quarter": base_rules.quarter, "year": base_rules.year}[grain]
    group_by = [f"metric_time__{grain}"]
    rows = mf_project.query(METRICS, group_by)
    problems = compare_all(rows, METRICS, group_by, by_hand.leads, lambda lead: bucket(lead["day"]))
    assert not problems, "\n".join(problems[:40])


def test_row_grain_rates_are_not_the_month_rates_averaged(mf_project: MetricFlowProject,
                                                          by_hand: rules.Leads) -> None:
    """Why row grain: a quarter's (or a channel's) rate is a ratio of the period's own leads. The
    mean of the quarter's three monthly rates (all a month view offers) is not it, and the quarter
    rate of one channel is not the quarter's overall rate."""
    quarter_of = lambda lead: base_rules.quarter(lead["day"])  # noqa: E731
    by_quarter = rules.lead_conversion_rate(by_hand.leads, quarter_of)
    by_month = rules.lead_conversion_rate(by_hand.leads, quarter_of, lambda lead: rules.month(lead["day"]))
    mean_of_months: dict[tuple, list[float]] = {}
    for (quarter, _month), value in by_month.items():
        mean_of_months.setdefault((quarter,), []).append(value)
    differs = [key for key, values in mean_of_months.items()
               if abs(sum(values) / len(values) - by_quarter[key]) > 0.01]
    assert len(differs) >= 3

    by_channel = rules.lead_conversion_rate(by_hand.leads, quarter_of, channel(by_hand))
    assert any(abs(value - by_quarter[(quarter,)]) > 1 for (quarter, _channel), value in by_channel.items())

    rows = mf_project.query(["lead_conversion_rate"], ["metric_time__quarter"])
    problems = compare_by_hand(rows, "lead_conversion_rate", ["metric_time__quarter"], by_quarter, None)
    assert not problems, "\n".join(problems[:40])


# ------------------------------------------------ by first touch, by response
# customer_acquisition_rate and prospect_response_rates count the contacted leads by the day of
# their first touch (semantic model lead_first_touches), meeting_acceptance_rate the prospect
# responses by their day (lead_responses): each at its own time dimension, any grain.

def first_touch_and_response_problems(rows: list[dict], group_by: list[str], by_hand: rules.Leads,
                                      touch_keys, response_keys=None) -> list[str]:
    problems: list[str] = []
    for metric, compute in (("customer_acquisition_rate", rules.customer_acquisition_rate),
                            ("prospect_response_rates", rules.prospect_response_rates)):
        problems += compare_by_hand(rows, metric, group_by, compute(by_hand.first_touches, *touch_keys), None)
    if response_keys is not None:
        problems += compare_by_hand(rows, "meeting_acceptance_rate", group_by,
                                    rules.meeting_acceptance_rate(by_hand.responses, *response_keys), None)
    return problems


def test_first_touch_kpis_by_year_source_and_rep_team(mf_project: MetricFlowProject, by_hand: rules.Leads) -> None:
    group_by = ["metric_time__year", "lead__source", "rep__team"]
    rows = mf_project.query(["customer_acquisition_rate", "prospect_response_rates"], group_by)
    keys = (lambda lead: base_rules.year(lead["day"]), lambda lead: lead["source"], team(by_hand))
    assert len(rules.customer_acquisition_rate(by_hand.first_touches, *keys)) >= 30
    problems = first_touch_and_response_problems(rows, group_by, by_hand, keys)
    assert not problems, "\n".join(problems[:40])


def test_first_touch_kpis_by_quarter_and_channel(mf_project: MetricFlowProject, by_hand: rules.Leads) -> None:
    group_by = ["metric_time__quarter", "campaign__channel"]
    rows = mf_project.query(["customer_acquisition_rate", "prospect_response_rates"], group_by)
    keys = (lambda lead: base_rules.quarter(lead["day"]), channel(by_hand))
    problems = first_touch_and_response_problems(rows, group_by, by_hand, keys)
    assert not problems, "\n".join(problems[:40])


def test_all_three_by_year_and_lead_origin(mf_project: MetricFlowProject, by_hand: rules.Leads) -> None:
    """The lead's origin reaches the first touches and the responses through the entity lead."""
    group_by = ["metric_time__year", "lead__origin"]
    rows = mf_project.query(["customer_acquisition_rate", "prospect_response_rates", "meeting_acceptance_rate"],
                            group_by)
    origin = {lead["lead_id"]: lead["origin"] for lead in by_hand.leads}
    keys = (lambda row: base_rules.year(row["day"]), lambda row: origin[row["lead_id"]])
    problems = first_touch_and_response_problems(rows, group_by, by_hand, keys, keys)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("grain", ["day", "week", "quarter", "year"])
def test_first_touch_and_response_kpis_at_every_grain(mf_project: MetricFlowProject, by_hand: rules.Leads,
                                                      grain: str) -> None:
    bucket = {"day": lambda day: day.isoformat(), "week": base_rules.week,
              "quarter": base_rules.quarter, "year": base_rules.year}[grain]
    group_by = [f"metric_time__{grain}"]
    rows = mf_project.query(["customer_acquisition_rate", "prospect_response_rates", "meeting_acceptance_rate"],
                            group_by)
    keys = (lambda row: bucket(row["day"]),)
    problems = first_touch_and_response_problems(rows, group_by, by_hand, keys, keys)
    assert not problems, "\n".join(problems[:40])
