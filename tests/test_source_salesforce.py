"""The Salesforce adapter (docs/SALESFORCE.md): Salesforce exports in, KPIs out.

Three builds, one per fixture under tests/fixtures/salesforce/:
- data_export/: a realistic Data Export made by generate_data_export.py (320 opportunities,
  OpportunityHistory, USD and EUR with CurrencyType and DatedConversionRate, deleted rows,
  a custom lost stage 'Lost to competitor', orders); its expected KPIs are computed below in plain
  Python from the CSV files, following /work/shared/KPI_CATALOG.md, never from the models;
- data_export_minimal/ and fivetran/: the acceptance case, only Opportunity, Account and
  User, as a Data Export (API names) and with Fivetran's table and column names (the
  headers of the fivetran/dbt_salesforce integration-test seeds sf_opportunity_data,
  sf_account_data and user_data). Both hold the same nine hand-made deals, whose KPIs are
  written out by hand in HAND_KPIS.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from conftest import build, query

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "salesforce"
REALISTIC = FIXTURES / "data_export"
REALISTIC_AS_OF = "2025-12-31"
HAND_AS_OF = "2025-03-31"
ACCEPTANCE_KPIS = ["win_rate", "deals_won", "average_deal_size", "sales_cycle_length", "opportunities_created",
                   "pipeline_value"]

# The headers of fivetran/dbt_salesforce's integration-test seeds, as Fivetran's connector
# writes the tables: tests/fixtures/salesforce/fivetran/*.csv must keep exactly these.
FIVETRAN_HEADERS = {
    "opportunity.csv": "_fivetran_synced,account_id,amount,campaign_id,close_date,created_date,Description__c,"
    "expected_revenue,fiscal,fiscal_quarter,fiscal_year,forecast_category,forecast_category_name,has_open_activity,"
    "has_opportunity_line_item,has_overdue_task,id,is_closed,is_deleted,is_excluded_from_territory_2_filter,is_won,"
    "last_activity_date,last_referenced_date,last_viewed_date,lead_source,name,next_step,owner_id,pricebook_2_id,"
    "probability,record_type_id,stage_name,synced_quote_id,territory_2_id,type,_fivetran_active",
    "account.csv": "_fivetran_synced,AccountNumber,account_source,annual_revenue,billing_city,billing_country,"
    "billing_country_code,billing_geocode_accuracy,billing_latitude,billing_longitude,billing_postal_code,"
    "billing_state,billing_state_code,billing_street,description,fax,id,industry,is_deleted,jigsaw_company_id,"
    "last_activity_date,last_referenced_date,last_viewed_date,master_record_id,name,number_of_employees,owner_id,"
    "ownership,parent_id,phone,photo_url,rating,record_type_id,shipping_city,shipping_country,shipping_country_code,"
    "shipping_geocode_accuracy,shipping_latitude,shipping_longitude,shipping_postal_code,shipping_state,"
    "shipping_state_code,shipping_street,sic,sic_desc,site,ticker_symbol,type,_fivetran_active",
    "user.csv": "_fivetran_deleted,_fivetran_synced,about_me,account_id,alias,badge_text,banner_photo_url,"
    "call_center_id,city,community_nickname,company_name,contact_id,country,country_code,"
    "default_group_notification_frequency,delegated_approver_id,department,digest_frequency,division,email,"
    "email_encoding_key,email_preferences_auto_bcc,employee_number,extension,fax,federation_identifier,first_name,"
    "forecast_enabled,full_photo_url,geocode_accuracy,id,individual_id,is_active,is_profile_photo_active,"
    "language_locale_key,last_login_date,last_name,last_referenced_date,last_viewed_date,latitude,locale_sid_key,"
    "longitude,manager_id,medium_banner_photo_url,mobile_phone,name,offline_trial_expiration_date,phone,postal_code,"
    "profile_id,receives_admin_info_emails,receives_info_emails,sender_email,sender_name,signature,"
    "small_banner_photo_url,small_photo_url,state,state_code,street,time_zone_sid_key,title,user_role_id,user_type,"
    "username",
}
# Data Export files name every column by its API name.
DATA_EXPORT_COLUMNS = {
    "Opportunity.csv": {"Id", "IsDeleted", "AccountId", "OwnerId", "Name", "Type", "StageName", "Amount", "Probability",
                        "CloseDate", "IsClosed", "IsWon", "CreatedDate"},
    "Account.csv": {"Id", "IsDeleted", "Name", "Industry", "BillingCountry", "AccountSource", "OwnerId", "CreatedDate"},
    "User.csv": {"Id", "FirstName", "LastName", "Name", "Email", "Title", "IsActive", "UserRoleId"},
}

# The nine hand-made deals of data_export_minimal/ and fivetran/ (USD: no CurrencyIsoCode,
# so the default currency, the reporting currency), as-of 2025-03-31:
#   D1 created 2025-01-05, Closed Won  2025-01-25, 1000          cycle 20 days
#   D2 created 2025-01-10, Closed Won  2025-02-09, 3000          cycle 30 days
#   D3 created 2025-01-15, 'Lost to competitor' (IsClosed, not IsWon) 2025-02-14, 500
#   D4 created 2025-02-01, Closed Won  2025-02-21, 2000          cycle 20 days
#   D5 created 2025-02-03, Negotiation/Review, open (expected close 2025-03-20), 4000
#   D6 created 2025-02-20, Closed Lost 2025-02-28, 700
#   D7 created 2025-03-02, Prospecting, open, expected close 2025-03-01 (overdue, before
#      its creation: kept only because an open deal's CloseDate is dropped), 1500
#   D8 created 2025-03-10, Closed Won 2025-03-15, 6000, IsDeleted: rejected, counts nowhere
#   D9 created 2025-03-12, Closed Won  2025-03-28, 5000          cycle 16 days
HAND_KPIS = {
    # created per month: Jan D1 D2 D3 = 3; Feb D4 D5 D6 = 3; Mar D7 D9 = 2 (D8 deleted)
    "opportunities_created": {"2025-01": 3, "2025-02": 3, "2025-03": 2},
    # won by close month: Jan D1; Feb D2 D4; Mar D9
    "deals_won": {"2025-01": 1, "2025-02": 2, "2025-03": 1},
    # won / (won + lost) * 100: Jan 1/1; Feb 2/(2 + D3 + D6) = 2/4; Mar 1/1
    "win_rate": {"2025-01": 100.0, "2025-02": 50.0, "2025-03": 100.0},
    # won amount / won count: Jan 1000/1; Feb (3000 + 2000)/2; Mar 5000/1
    "average_deal_size": {"2025-01": 1000.0, "2025-02": 2500.0, "2025-03": 5000.0},
    # mean days created -> close of won deals: Jan 20; Feb (30 + 20)/2; Mar 16
    "sales_cycle_length": {"2025-01": 20.0, "2025-02": 25.0, "2025-03": 16.0},
    # open at month end (created on or before it, not closed by it), count and amount:
    #   Jan 31: D2 (closes Feb 9) + D3 (Feb 14) = 2, 3000 + 500 = 3500
    #   Feb 28: D5 = 1, 4000 (D6 closed on Feb 28 itself)
    #   Mar 31: D5 + D7 = 2, 4000 + 1500 = 5500
    "pipeline_value": {"2025-01": (2, 3500.0), "2025-02": (1, 4000.0), "2025-03": (2, 5500.0)},
}

# Where each KPI's monthly values are in its mart view.
KPI_SQL = {
    "opportunities_created": "select month, opportunities_created from marts.opportunities_created",
    "deals_won": "select month, deals_won from marts.deals_won",
    "win_rate": "select month, win_rate_pct from marts.win_rate",
    "average_deal_size": "select month, average_deal_size_amount from marts.average_deal_size",
    "sales_cycle_length": "select month, avg_sales_cycle_days from marts.sales_cycle_length",
    "pipeline_value": "select month, open_opportunities, open_pipeline_amount from marts.pipeline_value",
}
REVENUE_SQL = {"sales_revenue": "select month, revenue_amount from marts.sales_revenue"}


def salesforce_build(data_dir: Path, database: Path, as_of: str) -> Path:
    build(data_dir, database, "--source", "salesforce", "--as-of-date", as_of)
    return database


@pytest.fixture(scope="module")
def realistic_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return salesforce_build(REALISTIC, tmp_path_factory.mktemp("sf_export") / "sf.duckdb", REALISTIC_AS_OF)


@pytest.fixture(scope="module", params=["data_export_minimal", "fivetran"])
def acceptance_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return salesforce_build(FIXTURES / request.param, tmp_path_factory.mktemp(request.param) / "sf.duckdb",
                            HAND_AS_OF)


def model_kpis(database: Path, kpi_sql: dict[str, str] = KPI_SQL) -> dict[str, dict[str, object]]:
    values: dict[str, dict[str, object]] = {}
    for kpi_id, sql in kpi_sql.items():
        rows = query(database, sql)
        values[kpi_id] = {
            month.strftime("%Y-%m"): (tuple(float(v) for v in rest) if len(rest) > 1
                                      else (None if rest[0] is None else float(rest[0])))
            for month, *rest in rows
        }
    return values


def assert_kpis_equal(actual: dict, expected: dict) -> None:
    for kpi_id, months in expected.items():
        for month, value in months.items():
            got = actual[kpi_id].get(month)
            if value is None:  # no closed or won deal that month: the ratio is NULL
                assert got is None, f"{kpi_id} {month}: model {got}, expected NULL"
                continue
            assert got == pytest.approx(value, rel=1e-6, abs=0.01), f"{kpi_id} {month}: model {got}, expected {value}"


# ---- expected KPIs of the realistic export, in plain Python from its CSV files ----

def read_csv(name: str) -> list[dict[str, str]]:
    with open(REALISTIC / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def salesforce_rate(currency: str, on: date) -> float:
    """Salesforce's ConversionRate of a currency on a day (units per 1 corporate currency): its
    latest DatedConversionRate on or before the day when it has dated rates, else CurrencyType's."""
    static = {row["IsoCode"]: float(row["ConversionRate"]) for row in read_csv("CurrencyType.csv")}
    dated = [row for row in read_csv("DatedConversionRate.csv") if row["IsoCode"] == currency]
    if not dated:
        return static[currency]
    return float(max((r for r in dated if date.fromisoformat(r["StartDate"]) <= on),
                     key=lambda r: r["StartDate"])["ConversionRate"])


def month_of(day: date) -> str:
    return day.strftime("%Y-%m")


def month_end(month: str) -> date:
    year, number = map(int, month.split("-"))
    first_of_next = date(year + number // 12, number % 12 + 1, 1)
    return date.fromordinal(first_of_next.toordinal() - 1)


def expected_realistic_kpis() -> dict[str, dict[str, object]]:
    deals = []
    for row in read_csv("Opportunity.csv"):
        if row["IsDeleted"] == "true":
            continue
        created = date.fromisoformat(row["CreatedDate"][:10])
        closed = row["IsClosed"] == "true"
        close = date.fromisoformat(row["CloseDate"]) if closed else None  # an open deal's CloseDate is a guess
        amount = None
        if row["Amount"]:  # in USD (the corporate and reporting currency) at the close, else creation, rate
            amount = float(row["Amount"]) / salesforce_rate(row["CurrencyIsoCode"], close or created)
        deals.append({"created": created, "close": close, "won": row["IsWon"] == "true", "closed": closed,
                      "amount": amount})
    months = [f"2025-{m:02d}" for m in range(1, 13)]
    created = defaultdict(int)
    won, closed, won_amount, won_days = defaultdict(int), defaultdict(int), defaultdict(float), defaultdict(int)
    for deal in deals:
        created[month_of(deal["created"])] += 1
        if deal["closed"]:
            month = month_of(deal["close"])
            closed[month] += 1
            if deal["won"]:
                won[month] += 1
                won_amount[month] += deal["amount"] or 0
                won_days[month] += (deal["close"] - deal["created"]).days
    pipeline = {}
    for month in months:
        end = month_end(month)
        open_deals = [d for d in deals if d["created"] <= end and (d["close"] is None or d["close"] > end)]
        pipeline[month] = (len(open_deals), sum(d["amount"] or 0 for d in open_deals))
    return {
        "opportunities_created": {m: created[m] for m in months},
        "deals_won": {m: won[m] for m in months},
        "win_rate": {m: won[m] / closed[m] * 100 if closed[m] else None for m in months},
        "average_deal_size": {m: won_amount[m] / won[m] if won[m] else None for m in months},
        "sales_cycle_length": {m: won_days[m] / won[m] if won[m] else None for m in months},
        "pipeline_value": pipeline,
    }


def expected_realistic_revenue() -> dict[str, dict[str, float]]:
    """Revenue per month: activated (completed), live orders, sum of quantity x unit price of
    their live items, in USD at the rate of the order's ActivatedDate."""
    orders = {row["Id"]: row for row in read_csv("Order.csv")
              if row["IsDeleted"] == "false" and row["StatusCode"] == "Activated"}
    revenue: dict[str, float] = defaultdict(float)
    for item in read_csv("OrderItem.csv"):
        order = orders.get(item["OrderId"])
        if order is None or item["IsDeleted"] == "true":
            continue
        ordered = date.fromisoformat(order["ActivatedDate"][:10])
        revenue[month_of(ordered)] += (float(item["Quantity"]) * float(item["UnitPrice"])
                                       / salesforce_rate(order["CurrencyIsoCode"], ordered))
    return {"sales_revenue": {f"2025-{m:02d}": revenue[f"2025-{m:02d}"] for m in range(1, 13)}}


# ---- tests ----

def test_realistic_export_kpis_equal_the_hand_computed_ones(realistic_db: Path) -> None:
    expected = expected_realistic_kpis()
    # the fixture exercises what it is meant to: lost deals of both lost stages, EUR deals, deleted rows
    lost_stages = {r["StageName"] for r in read_csv("Opportunity.csv") if r["IsClosed"] == "true" and r["IsWon"] == "false"}
    assert lost_stages == {"Closed Lost", "Lost to competitor"}
    assert sum(expected["deals_won"].values()) > 50
    assert_kpis_equal(model_kpis(realistic_db), expected)


def test_activated_orders_are_the_revenue(realistic_db: Path) -> None:
    expected = expected_realistic_revenue()
    assert sum(expected["sales_revenue"].values()) > 0
    assert_kpis_equal(model_kpis(realistic_db, REVENUE_SQL), expected)


def test_custom_lost_stage_is_closed_lost_and_history_is_stage_entries(realistic_db: Path) -> None:
    stages = dict(query(realistic_db, """
        select o.stage, count(*) from staging.stg_crm__opportunities as o group by o.stage"""))
    live = [r for r in read_csv("Opportunity.csv") if r["IsDeleted"] == "false"]
    assert stages["closed_lost"] == sum(r["IsClosed"] == "true" and r["IsWon"] == "false" for r in live)
    assert stages["closed_won"] == sum(r["IsWon"] == "true" for r in live)
    # OpportunityHistory rows that only change the amount are no stage entries
    history = read_csv("OpportunityHistory.csv")
    entries = query(realistic_db, "select count(*) from staging.stg_crm__opportunity_stage_history")[0][0]
    assert entries < sum(r["IsDeleted"] == "false" for r in history)
    duplicates = query(realistic_db, """
        select count(*) from (
            select stage, lag(stage) over (partition by opportunity_id order by entered_at) as previous
            from staging.stg_crm__opportunity_stage_history
        ) where stage = previous""")[0][0]
    assert duplicates == 0


def test_fx_rates_reach_the_reporting_currency_both_ways(realistic_db: Path) -> None:
    rates = dict(((d.isoformat(), f, t), float(r)) for d, f, t, r in query(realistic_db, """
        select rate_date, from_currency, to_currency, rate from staging.stg_crm__fx_rates"""))
    # DatedConversionRate EUR from 2025-03-01 is 0.92 EUR per USD: EUR -> USD 1/0.92, USD -> EUR 0.92
    assert rates[("2025-03-01", "EUR", "USD")] == pytest.approx(1 / 0.92)
    assert rates[("2025-03-01", "USD", "EUR")] == pytest.approx(0.92)
    rejected = query(realistic_db, "select count(*) from staging.rejected_rows where reason = 'missing_fx_rate'")
    assert rejected == [(0,)]


def test_deleted_rows_are_rejected_with_their_vendor_file_and_row(realistic_db: Path) -> None:
    rejected = query(realistic_db, """
        select table_name, source_file, source_row from staging.rejected_rows where reason = 'deleted_in_source'""")
    expected = set()
    for table_name, file_name in [("opportunities", "Opportunity.csv"), ("accounts", "Account.csv"),
                                  ("leads", "Lead.csv"), ("lead_stage_history", "Lead.csv"),
                                  ("opportunity_stage_history", "OpportunityHistory.csv"),
                                  ("activities", "Task.csv"), ("activities", "Event.csv"),
                                  ("orders", "Order.csv"), ("order_lines", "OrderItem.csv")]:
        for number, row in enumerate(read_csv(file_name), start=1):
            if row["IsDeleted"] == "true":
                expected.add((table_name, file_name, number))
    found = {(table_name, Path(source_file).name, source_row) for table_name, source_file, source_row in rejected}
    assert {t for t, _, _ in expected} == {"opportunities", "accounts", "leads", "lead_stage_history",
                                           "opportunity_stage_history", "activities", "orders", "order_lines"}
    assert found == expected
    # nothing else is rejected but draft orders (no sale: bad_enum status) and their items
    drafts = {row["Id"] for row in read_csv("Order.csv") if row["Status"] == "Draft"}
    other = query(realistic_db, "select table_name, reason, count(*) from staging.rejected_rows "
                                "where reason <> 'deleted_in_source' group by all order by 1")
    assert drafts and other == [
        ("order_lines", "orphan_foreign_key", sum(i["OrderId"] in drafts for i in read_csv("OrderItem.csv"))),
        ("orders", "bad_enum", len(drafts)),
    ]


def test_activities_and_leads_link_by_id_prefix(realistic_db: Path) -> None:
    counts = query(realistic_db, """
        select count(lead_id), count(contact_id), count(opportunity_id), count(*) from staging.stg_crm__activities""")
    lead_tasks = sum(r["WhoId"].startswith("00Q") for r in read_csv("Task.csv"))
    assert counts[0][0] == lead_tasks > 0
    live = [r for name in ("Task.csv", "Event.csv") for r in read_csv(name) if r["IsDeleted"] == "false"]
    assert counts[0][2] > 0 and counts[0][3] == len(live)
    queue_owned = query(realistic_db, "select count(*) from staging.stg_crm__leads where owner_rep_id is null")
    assert queue_owned[0][0] == sum(r["OwnerId"].startswith("00G") and r["IsDeleted"] == "false"
                                    for r in read_csv("Lead.csv"))


def test_fixture_shapes_are_the_vendors() -> None:
    for name, header in FIVETRAN_HEADERS.items():
        with open(FIXTURES / "fivetran" / name, newline="") as handle:
            assert next(csv.reader(handle)) == header.split(","), name
    for name, columns in DATA_EXPORT_COLUMNS.items():
        for folder in ("data_export_minimal", "data_export"):
            with open(FIXTURES / folder / name, newline="") as handle:
                assert columns <= set(next(csv.reader(handle))), (folder, name)


def test_only_opportunity_account_user_supports_the_deal_kpis(acceptance_db: Path) -> None:
    catalog = dict(query(acceptance_db, "select kpi_id, available from marts.kpi_catalog"))
    assert {kpi_id: catalog[kpi_id] for kpi_id in ACCEPTANCE_KPIS} == dict.fromkeys(ACCEPTANCE_KPIS, True)
    assert_kpis_equal(model_kpis(acceptance_db), HAND_KPIS)
    clean = query(acceptance_db, "select count(*), min(currency), max(currency) from staging.stg_crm__opportunities")
    assert clean == [(8, "USD", "USD")]
    rejected = query(acceptance_db, "select table_name, reason, source_row from staging.rejected_rows")
    assert rejected == [("opportunities", "deleted_in_source", 8)]
