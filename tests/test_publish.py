"""The published BI file: marts only, no personal data, replaced atomically."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR, query, run_pipeline
from semantic_by_hand import utc_day

pytestmark = pytest.mark.slow
PERSONAL_COLUMNS = {"full_name", "email", "phone"}


def publish(database: Path, target: Path) -> None:
    result = run_pipeline("publish", "--database", str(database), "--to", str(target))
    assert result.returncode == 0, result.stderr


def test_bi_file_has_every_kpi_and_no_raw_staging_or_personal_data(sample_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "bi.duckdb"
    publish(sample_db, target)
    schemas = {row[0] for row in query(target, "select distinct table_schema from information_schema.tables")}
    assert schemas == {"marts", "dimensions", "data_quality"}
    columns = {row[0] for row in query(target, "select distinct column_name from information_schema.columns")}
    assert not columns & PERSONAL_COLUMNS
    relations = query(target, "select distinct relation from marts.kpi_catalog")
    assert len(query(target, "select kpi_id from marts.kpi_catalog")) == 81
    for (relation,) in relations:
        warehouse = query(sample_db, f"select count(*) from {relation}")[0][0]
        assert query(target, f"select count(*) from {relation}")[0][0] == warehouse, relation
    rejected = query(sample_db, "select count(*) from staging.rejected_rows")[0][0]
    assert query(target, "select sum(rejected_rows) from data_quality.rejected_counts")[0][0] == rejected


def test_bi_file_groups_a_month_mart_by_fiscal_quarter(sample_db: Path, tmp_path: Path) -> None:
    """dimensions.dim_months carries each KPI month's fiscal year and quarter (calendar years by
    default): the sample's new leads of 2025's first quarter are January's + February's + March's."""
    target = tmp_path / "bi.duckdb"
    publish(sample_db, target)
    months = query(target, "select month, fiscal_year, fiscal_quarter from dimensions.dim_months order by month")
    assert (months[0][0].isoformat(), months[-1][0].isoformat()) == ("2024-07-01", "2026-06-01")
    assert [(year, quarter) for month, year, quarter in months if month.isoformat() == "2025-02-01"] == [
        (2025, "FY2025-Q1")]
    by_quarter = dict(query(target, "select fiscal_quarter, sum(leads) from marts.new_leads "
                                    "join dimensions.dim_months using (month) group by fiscal_quarter"))
    sample = PROJECT_DIR / "seeds" / "sample"
    with (sample / "_injected_rejects.csv").open(newline="") as handle:
        rejected = {int(row["source_row"]) for row in csv.DictReader(handle) if row["table_name"] == "leads"}
    with (sample / "leads.csv").open(newline="") as handle:
        created = [utc_day(row["created_at"]) for number, row in enumerate(csv.DictReader(handle), start=1)
                   if number not in rejected]
    assert by_quarter["FY2025-Q1"] == sum(date(2025, 1, 1) <= day < date(2025, 4, 1) for day in created)


def test_reader_of_the_old_file_is_undisturbed_by_a_new_publish(sample_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "bi.duckdb"
    publish(sample_db, target)
    reader = duckdb.connect(str(target), read_only=True)
    try:
        before = reader.execute("select count(*) from marts.kpi_catalog").fetchone()[0]
        publish(sample_db, target)  # replaces the file while the reader holds the old one
        assert reader.execute("select count(*) from marts.kpi_catalog").fetchone()[0] == before
        assert reader.execute("select * from marts.sales_revenue limit 1").fetchall()
    finally:
        reader.close()
    assert query(target, "select count(*) from marts.kpi_catalog")[0][0] == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_kpis_command_reads_values_through_the_catalog(sample_db: Path) -> None:
    result = run_pipeline("kpis", "--database", str(sample_db), "--kpi", "sales_revenue", "--month", "2025-06", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["key"] for row in rows] == [{"month": "2025-06-01"}]
    expected = query(sample_db, "select sum(revenue_amount) from intermediate.int_order_lines_completed "
                                "where month = '2025-06-01'")[0][0]
    assert rows[0]["value"] == pytest.approx(float(expected))


def test_kpis_command_rejects_an_unknown_kpi(sample_db: Path) -> None:
    result = run_pipeline("kpis", "--database", str(sample_db), "--kpi", "no_such_kpi")
    assert result.returncode == 2
    assert "no_such_kpi" in result.stderr
