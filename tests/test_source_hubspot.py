"""The HubSpot adapter (docs/HUBSPOT.md): Fivetran and Airbyte exports in, KPIs out.

Fixtures (tests/fixtures/hubspot/):
- shape_fivetran/: rows and headers of Fivetran's public dbt_hubspot integration-test seeds
  (hashed labels, base64 stage ids), only deals, pipelines, stages, companies and owners:
  the acceptance case with Fivetran names;
- shape_airbyte/: Airbyte's HubSpot streams with JSON columns and epoch milliseconds;
- realistic_fivetran/ and realistic_airbyte/ (make_fixtures.py): the same 32 deals in two
  pipelines, one with a lost stage labelled "Went dark", two deleted deals; the Airbyte one
  is only deals, pipelines, companies and owners: the acceptance case with Airbyte names.

The expected KPI values of the realistic fixture are computed below from its CSV files by
plain Python following /work/shared/KPI_CATALOG.md (won / lost from the stage metadata
columns closed_won and is_closed), never read from the models; February and March are also
written out by hand.
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from conftest import build, query

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hubspot"
ACCEPTANCE_KPIS = ["win_rate", "deals_won", "average_deal_size", "sales_cycle_length", "opportunities_created",
                   "pipeline_value"]


def hubspot_build(data_dir: Path, database: Path) -> Path:
    build(data_dir, database, "--source", "hubspot")
    return database


@pytest.fixture(scope="module")
def fivetran_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hubspot_build(FIXTURES / "realistic_fivetran", tmp_path_factory.mktemp("hs_ft") / "hs.duckdb")


@pytest.fixture(scope="module")
def airbyte_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hubspot_build(FIXTURES / "realistic_airbyte", tmp_path_factory.mktemp("hs_ab") / "hs.duckdb")


@pytest.fixture(scope="module")
def fivetran_shape_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # only the CSV files: the README beside them is no object
    data_dir = tmp_path_factory.mktemp("hs_ft_shape_data")
    for path in (FIXTURES / "shape_fivetran").glob("*.csv"):
        shutil.copy(path, data_dir)
    return hubspot_build(data_dir, tmp_path_factory.mktemp("hs_ft_shape") / "hs.duckdb")


@pytest.fixture(scope="module")
def airbyte_shape_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hubspot_build(FIXTURES / "shape_airbyte", tmp_path_factory.mktemp("hs_ab_shape") / "hs.duckdb")


def headline(database: Path, kpi_id: str) -> dict:
    """The KPI's headline column by month, found through kpi_catalog as BI tools do."""
    relation, column = query(database, 'select relation, "column" from marts.kpi_catalog where kpi_id = ?', [kpi_id])[0]
    return {month: value for month, value in query(database, f'select month, "{column}" from {relation}')}


# ---------------------------------------------------------------------------------------
# Independent expectations from the realistic fixture's Fivetran files
# ---------------------------------------------------------------------------------------

def read_csv(name: str) -> list[dict]:
    with (FIXTURES / "realistic_fivetran" / name).open(newline="") as handle:
        return list(csv.DictReader(handle))


def month_of(day: date) -> date:
    return day.replace(day=1)


def month_end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def expected_kpis() -> dict[str, dict[date, float]]:
    stages = {row["stage_id"]: row for row in read_csv("deal_pipeline_stage.csv")}
    deals = []
    for row in read_csv("deal.csv"):
        if row["is_deleted"] == "true":
            continue  # deleted in HubSpot: rejected, counts nowhere
        stage = stages[row["deal_pipeline_stage_id"]]
        won = stage["closed_won"] == "TRUE"
        closed = stage["is_closed"] == "TRUE"
        deals.append({
            "id": row["deal_id"],
            "created": datetime.fromisoformat(row["property_createdate"]).date(),
            # an open deal's closedate is an expected date, not a close
            "closed": datetime.fromisoformat(row["property_closedate"]).date() if closed else None,
            "won": won,
            "lost": closed and not won,
            "amount": float(row["property_amount"]),
        })
    deal_ids = {deal["id"] for deal in deals}
    history_days = [datetime.fromisoformat(row["date_entered"]).date() for row in read_csv("deal_stage.csv")
                    if row["deal_id"] in deal_ids]
    activity_days = [datetime.fromisoformat(row["timestamp"]).date() for row in read_csv("engagement.csv")]
    as_of = max([d["created"] for d in deals] + [d["closed"] for d in deals if d["closed"]] + history_days
                + activity_days)

    won, lost, won_amount, cycle_days, created = (defaultdict(int), defaultdict(int), defaultdict(float),
                                                  defaultdict(list), defaultdict(int))
    for deal in deals:
        created[month_of(deal["created"])] += 1
        if deal["won"]:
            month = month_of(deal["closed"])
            won[month] += 1
            won_amount[month] += deal["amount"]
            cycle_days[month].append((deal["closed"] - deal["created"]).days)
        elif deal["lost"]:
            lost[month_of(deal["closed"])] += 1
    pipeline = {}
    month = month_of(min(d["created"] for d in deals))
    while month_end(month) <= as_of:  # complete months only
        end = month_end(month)
        pipeline[month] = sum(d["amount"] for d in deals
                              if d["created"] <= end and (d["closed"] is None or d["closed"] > end))
        month = month_end(month) + timedelta(days=1)
    closed_months = set(won) | set(lost)
    return {
        "win_rate": {m: won[m] / (won[m] + lost[m]) * 100 for m in closed_months},
        "deals_won": {m: won[m] for m in closed_months},
        "average_deal_size": {m: won_amount[m] / won[m] for m in won},
        "sales_cycle_length": {m: sum(days) / len(days) for m, days in cycle_days.items()},
        "opportunities_created": dict(created),
        "pipeline_value": pipeline,
    }


EXPECTED = expected_kpis()

# The same numbers by hand for two months (deals of make_fixtures.py; 1012 is deleted):
# 2025-02: won 1001 (10000, 2025-01-03 -> 02-10 = 38 days) and 1005 (3000, 01-15 -> 02-14 = 30 days);
#          lost 1008 (closedlost) and 1010 ("Went dark": closed, probability 0)
#          win_rate 2 / 4 * 100 = 50; average_deal_size 13000 / 2 = 6500; sales_cycle_length (38 + 30) / 2 = 34
#          opportunities_created: 1007..1011 = 5 (1012 deleted)
#          pipeline_value at 02-28: 1004 12000 + 1006 2500 + 1007 15000 + 1009 4000 + 1011 9000 = 42500
# 2025-03: won 1007 (15000, 46 days), 1013 (6000, 14 days), 1017 (2600, 10 days); lost 1006 ("Went dark")
#          win_rate 3 / 4 * 100 = 75; average_deal_size 23600 / 3 = 7866.67; cycle (46 + 14 + 10) / 3 = 23.33
#          pipeline_value at 03-31: 1004 12000 + 1009 4000 + 1011 9000 + 1014 11000 + 1015 2200 + 1016 5000 = 43200
HAND = {
    "win_rate": {date(2025, 2, 1): 50.0, date(2025, 3, 1): 75.0},
    "deals_won": {date(2025, 2, 1): 2, date(2025, 3, 1): 3},
    "average_deal_size": {date(2025, 2, 1): 6500.0, date(2025, 3, 1): 23600 / 3},
    "sales_cycle_length": {date(2025, 2, 1): 34.0, date(2025, 3, 1): 70 / 3},
    "opportunities_created": {date(2025, 2, 1): 5, date(2025, 3, 1): 5},
    "pipeline_value": {date(2025, 2, 1): 42500.0, date(2025, 3, 1): 43200.0},
}


def test_independent_expectations_agree_with_the_hand_computed_months() -> None:
    for kpi_id, values in HAND.items():
        for month, value in values.items():
            assert EXPECTED[kpi_id][month] == pytest.approx(value), (kpi_id, month)


def assert_kpis_match(database: Path) -> None:
    for kpi_id in ACCEPTANCE_KPIS:
        got = headline(database, kpi_id)
        expected = EXPECTED[kpi_id]
        for month, value in expected.items():
            assert month in got, f"{kpi_id}: no row for {month}"
            assert float(got[month]) == pytest.approx(value, abs=0.01), (kpi_id, month, got[month], value)
        # months without any such event carry no value (or zero counts)
        for month, value in got.items():
            if month not in expected:
                assert value in (None, 0), (kpi_id, month, value)


# ---------------------------------------------------------------------------------------
# (b) realistic fixture: KPI values, Fivetran and Airbyte
# ---------------------------------------------------------------------------------------

def test_fivetran_kpis_equal_the_independent_computation(fivetran_db: Path) -> None:
    assert_kpis_match(fivetran_db)


def test_airbyte_kpis_equal_the_independent_computation(airbyte_db: Path) -> None:
    assert_kpis_match(airbyte_db)


def test_custom_lost_stage_is_lost_by_its_metadata(fivetran_db: Path, airbyte_db: Path) -> None:
    # "Went dark" says nothing about losing; is_closed TRUE / isClosed "true" with probability 0 does
    for database in (fivetran_db, airbyte_db):
        stages = dict(query(database, "select opportunity_id, stage from staging.stg_crm__opportunities "
                                      "where opportunity_id in ('1006', '1010', '1021', '1005')"))
        assert stages == {"1006": "closed_lost", "1010": "closed_lost", "1021": "closed_lost", "1005": "closed_won"}


def test_open_deal_keeps_no_expected_close_date(fivetran_db: Path, airbyte_db: Path) -> None:
    for database in (fivetran_db, airbyte_db):
        assert query(database, "select stage, close_date from staging.stg_crm__opportunities "
                               "where opportunity_id = '1004'") == [("negotiation", None)]


def test_airbyte_epoch_millisecond_close_dates_are_utc_dates(airbyte_db: Path) -> None:
    # deal 1002's properties_closedate is 1738065600000 = 2025-01-28T12:00:00Z
    assert query(airbyte_db, "select cast(close_date as varchar) from staging.stg_crm__opportunities "
                             "where opportunity_id = '1002'") == [("2025-01-28",)]


def test_fivetran_associations_and_activities(fivetran_db: Path) -> None:
    assert query(fivetran_db, "select account_id, owner_rep_id, deal_type from staging.stg_crm__opportunities "
                              "where opportunity_id = '1003'") == [("9003", "101", "upsell")]
    activities = {row[0]: row[1:] for row in query(
        fivetran_db, "select activity_id, activity_type, direction, rep_id, contact_id, account_id, opportunity_id, "
                     "cast(duration_minutes as double), outcome from staging.stg_crm__activities")}
    # the NOTE (7005) is no sales activity
    assert set(activities) == {"7001", "7002", "7003", "7004", "7006"}
    assert activities["7001"] == ("call", None, "101", "501", "9001", "1001", 10.0, "completed")
    assert activities["7003"] == ("meeting", None, "101", "501", "9001", "1001", 45.0, "completed")
    assert activities["7004"][0] == "follow_up"
    assert activities["7006"][:2] == ("email", "inbound")
    # three Fivetran stage history rows per closed deal path; a deleted deal's are orphans
    assert query(fivetran_db, "select count(*) from staging.stg_crm__opportunity_stage_history") == [(58,)]


# ---------------------------------------------------------------------------------------
# (c) deleted rows: rejected as deleted_in_source, pointing at the vendor file and row
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("variant, file_name", [("fivetran", "deal.csv"), ("airbyte", "deals.csv")])
def test_deleted_deals_are_rejected_with_their_vendor_file_and_row(variant: str, file_name: str,
                                                                   fivetran_db: Path, airbyte_db: Path) -> None:
    database = fivetran_db if variant == "fivetran" else airbyte_db
    rows = query(database, "select source_file, source_row, row_key from staging.rejected_rows "
                           "where reason = 'deleted_in_source' and table_name = 'opportunities' order by source_row")
    # deals 1012 and 1018 are the 12th and 18th data rows of the file
    found = [(Path(path).name, row, key) for path, row, key in rows]
    assert found == [(file_name, 12, "1012"), (file_name, 18, "1018")]
    assert query(database, "select count(*) from staging.stg_crm__opportunities "
                           "where opportunity_id in ('1012', '1018')") == [(0,)]


# ---------------------------------------------------------------------------------------
# (a) column shapes and (d) acceptance: only deals, pipelines/stages, companies, owners
# ---------------------------------------------------------------------------------------

def assert_acceptance(database: Path) -> None:
    catalog = dict(query(database, "select kpi_id, available from marts.kpi_catalog"))
    for kpi_id in ACCEPTANCE_KPIS:
        assert catalog[kpi_id] is True, kpi_id
        assert any(value for value in headline(database, kpi_id).values()), f"{kpi_id} has no value"
    # HubSpot maps no leads and no orders: their KPIs are unavailable, not zero
    assert catalog["new_leads"] is False and catalog["sales_revenue"] is False
    supplied = dict(query(database, "select object_name, supplied from raw.landed_objects where source_name = 'crm'"))
    assert supplied["opportunities"] and supplied["pipeline_stages"]
    assert supplied["accounts"] and supplied["sales_reps"]
    assert not supplied["opportunity_stage_history"] and not supplied["activities"]


def test_acceptance_with_fivetran_names(fivetran_shape_db: Path) -> None:
    assert_acceptance(fivetran_shape_db)
    # closed in 2020-03: 9000000001 won (12000, 2020-02-14 -> 03-20 = 35 days), 9000000002 won (8000,
    # 02-06 -> 03-05 = 28 days), 9000000003 lost in a stage whose label is a hash: 2 / 3 won
    march = date(2020, 3, 1)
    assert headline(fivetran_shape_db, "win_rate")[march] == pytest.approx(200 / 3)
    assert headline(fivetran_shape_db, "deals_won")[march] == 2
    assert float(headline(fivetran_shape_db, "average_deal_size")[march]) == pytest.approx(10000)
    assert headline(fivetran_shape_db, "sales_cycle_length")[march] == pytest.approx(31.5)


def test_fivetran_seed_shapes_are_classified_by_metadata_and_every_row_accounted(fivetran_shape_db: Path) -> None:
    stages = dict(query(fivetran_shape_db, "select opportunity_id, stage from staging.stg_crm__opportunities"))
    assert stages["9000000001"] == "closed_won"   # closed_won TRUE
    assert stages["9000000003"] == "closed_lost"  # is_closed TRUE, closed_won FALSE, hashed label
    assert stages["9000000004"] == "negotiation"  # open, probability 0.8, hashed label
    assert stages["9000000006"] == "proposal"     # a deleted stage (probability 0.6) still classifies its deal
    reasons = dict(query(fivetran_shape_db, "select row_key, reason from staging.rejected_rows "
                                            "where table_name = 'opportunities'"))
    assert reasons["9000000005"] == "deleted_in_source"
    assert reasons["1244495215"] == "missing_value"      # seed deals have no stage
    assert reasons["1806318738"] == "missing_value"      # (its createdate hour '021' is checked later)
    account_reasons = dict(query(fivetran_shape_db, "select row_key, reason from staging.rejected_rows "
                                                    "where table_name = 'accounts'"))
    assert account_reasons == {"2412860846": "unparsable_date"}  # the seed's createdate '2019-09-15 2:50:54'
    landed = query(fivetran_shape_db, "select count(*) from raw_hubspot.deal")[0][0]
    clean = query(fivetran_shape_db, "select count(*) from staging.stg_crm__opportunities")[0][0]
    rejected = query(fivetran_shape_db, "select count(*) from staging.rejected_rows "
                                        "where table_name = 'opportunities'")[0][0]
    assert landed == clean + rejected == 11
    assert query(fivetran_shape_db, "select count(*) from staging.stg_crm__pipeline_stages") == [(7,)]


def test_acceptance_with_airbyte_names(airbyte_db: Path) -> None:
    assert_acceptance(airbyte_db)


def test_airbyte_stream_shapes(airbyte_shape_db: Path) -> None:
    deals = {row[0]: row[1:] for row in query(
        airbyte_shape_db, "select opportunity_id, stage, cast(close_date as varchar), account_id, "
                          "cast(amount as double), deal_type from staging.stg_crm__opportunities")}
    assert deals["30001"] == ("closed_won", "2024-04-30", "20001", 24000.0, "upsell")
    # "No decision": isClosed "true", probability "0.0"; closedate in epoch milliseconds
    assert deals["30002"] == ("closed_lost", "2024-04-20", "20002", 9000.0, "new_business")
    assert deals["30004"][:3] == ("demo", None, "20002")  # open: its closedate is only expected
    assert deals["30005"] == ("closed_won", "2024-05-10", None, 4000.5, None)
    assert "30003" not in deals
    activities = {row[0]: row[1:] for row in query(
        airbyte_shape_db, "select activity_id, activity_type, direction, rep_id, contact_id, account_id, "
                          "opportunity_id, cast(occurred_at as varchar), cast(duration_minutes as double), outcome "
                          "from staging.stg_crm__activities")}
    assert set(activities) == {"40001", "40002", "40003", "40004", "40006"}  # 40005 is a NOTE
    assert activities["40001"] == ("call", None, "61000001", "10001", "20001", "30001", "2024-03-07 10:00:00", 25.0,
                                   "completed")
    assert activities["40003"][0] == "meeting" and activities["40003"][-2:] == (60.0, "no_show")
    assert activities["40004"][:2] == ("email", "inbound")
    deleted = query(airbyte_shape_db, "select table_name, row_key from staging.rejected_rows "
                                      "where reason = 'deleted_in_source' order by table_name")
    assert deleted == [("contacts", "10002"), ("opportunities", "30003")]
    # an archived owner is a deactivated user: kept, with their team from the teams JSON
    reps = dict(query(airbyte_shape_db, "select rep_id, team from staging.stg_crm__sales_reps"))
    assert reps == {"61000001": "Enterprise", "61000002": None}
