"""Tables already in a warehouse (issue 17, item 3): `build --raw-schema S --raw-database F`
reads the raw tables from schema S of the DuckDB file F, as an ingestion tool (Fivetran,
Airbyte, dlt) would have written them, typed, instead of CSV files.

The sample's files are loaded into such a file with DuckDB's type detection (dates,
timestamps with offsets, numbers and booleans become typed columns; a table name in
upper case; a schema name with a space and a quote), and the build from that schema must
give the same KPI values as the build from the files: the typing is undone at landing.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from conftest import SAMPLE_DIR, build, query

import kpi_diff

pytestmark = pytest.mark.slow

SCHEMA = "fivetran's crm"


@pytest.fixture(scope="module")
def warehouse_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ingested") / "ingested.duckdb"
    con = duckdb.connect(str(path))
    try:
        con.execute(f"create schema {duckdb_identifier(SCHEMA)}")
        for csv_path in sorted(SAMPLE_DIR.glob("*.csv")):
            if csv_path.name.startswith("_"):
                continue
            name = csv_path.stem.upper() if csv_path.stem == "accounts" else csv_path.stem
            con.execute(f"create table {duckdb_identifier(SCHEMA)}.{duckdb_identifier(name)} as "
                        "select * from read_csv(?)", [str(csv_path)])
    finally:
        con.close()
    return path


def duckdb_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def test_a_typed_schema_builds_the_same_kpis_as_the_files(sample_db: Path, warehouse_file: Path,
                                                          tmp_path: Path) -> None:
    database = tmp_path / "crm_kpi.duckdb"
    build(SAMPLE_DIR, database, "--raw-schema", SCHEMA, "--raw-database", str(warehouse_file))
    located = query(database, "select location from raw.landed_objects where object_name = 'accounts'")
    assert located == [(f'"crm_kpi_raw_input"."{SCHEMA}"."ACCOUNTS"',)]
    report = kpi_diff.diff_files(sample_db, database, tolerance=0.0)
    assert not report.has_changes, kpi_diff.render_text(report)
    # the sample's own bad rows are rejected as from the files (a bad date stays text in a typed load)
    assert query(database, "select count(*) from staging.rejected_rows") == \
        query(sample_db, "select count(*) from staging.rejected_rows")
