"""scripts/bench/csv_floor.py, the benchmark's csv_read floor, on the sample (fast: no dbt)."""

from __future__ import annotations

import shutil
from pathlib import Path

import contract
import duckdb
import pytest
from bench import csv_floor

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE_DIR = PROJECT_DIR / "seeds" / "sample"


def column_types(database: Path, schema: str, table: str) -> dict[str, str]:
    with duckdb.connect(str(database), read_only=True) as con:
        return dict(con.execute("select column_name, data_type from duckdb_columns() "
                                "where schema_name = ? and table_name = ?", [schema, table]).fetchall())


def test_reads_every_contract_file_as_text_then_typed(tmp_path: Path) -> None:
    database = tmp_path / "csv_read.duckdb"
    report = csv_floor.run(SAMPLE_DIR, database, "1GB")

    tables = [table["name"] for table in contract.load_contract()]
    assert list(report["rows"]) == tables  # every contract file, in contract order; _injected_rejects.csv is not one
    assert report["statements"] == {"read_text": len(tables), "typed": len(tables)}
    assert report["typed_rows_match"] and all(seconds > 0 for seconds in report["phases"].values())
    with SAMPLE_DIR.joinpath("activities.csv").open("rb") as handle:
        assert report["rows"]["activities"] == sum(1 for _ in handle) - 1
    assert set(column_types(database, "csv_text", "activities").values()) == {"VARCHAR"}
    # the contract's data types: rate is a double (precision: double), amounts decimal(28,6)
    typed = column_types(database, "csv_typed", "fx_rates") | column_types(database, "csv_typed", "opportunities")
    assert typed["rate"] == "DOUBLE" and typed["amount"] == "DECIMAL(28,6)" and typed["close_date"] == "DATE"
    assert typed["created_at"] == "TIMESTAMP WITH TIME ZONE" and typed["currency"] == "VARCHAR"
    assert column_types(database, "csv_typed", "pipeline_stages")["is_closed"] == "BOOLEAN"
    assert column_types(database, "csv_typed", "nps_responses")["score"] == "INTEGER"


def test_header_matching_missing_files_and_columns(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(SAMPLE_DIR / "opportunities.csv", data_dir)
    lines = (SAMPLE_DIR / "order_lines.csv").read_text().splitlines()
    header = lines[0].split(",")
    assert header[-1] == "discount_amount"  # optional: dropped below, lands as a typed null
    rows = [",".join(line.split(",")[:-1]) for line in lines[1:]]
    (data_dir / "order_lines.csv").write_text(",".join([" Order_ID "] + header[1:-1]) + "\n" + "\n".join(rows) + "\n")

    database = tmp_path / "csv_read.duckdb"
    report = csv_floor.run(data_dir, database, "1GB")
    assert list(report["rows"]) == ["opportunities", "order_lines"]  # only the files that are there
    with duckdb.connect(str(database), read_only=True) as con:
        order_ids, discounts = con.execute(
            "select count(order_id), count(discount_amount) from csv_typed.order_lines").fetchone()
    assert order_ids == len(rows) and discounts == 0
    assert column_types(database, "csv_typed", "order_lines")["discount_amount"] == "DECIMAL(28,6)"


def test_unknown_contract_type_stops() -> None:
    with pytest.raises(SystemExit, match="no SQL type"):
        csv_floor.sql_type({"name": "x", "data_type": "geometry"})
    assert csv_floor.sql_type({"name": "rate", "data_type": "number", "meta": {"precision": "double"}}) == "double"
    assert all(csv_floor.sql_type(column) for table in contract.load_contract() for column in table["columns"])


def test_compare_landing(tmp_path: Path) -> None:
    database = tmp_path / "build.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("create schema raw")
        con.execute("create table raw.leads as select range as id from range(3)")
        con.execute("create table raw.quotes as select range as id from range(2)")
    assert csv_floor.compare_landing(database, {"leads": 3, "quotes": 2})["same_row_counts"]
    assert csv_floor.compare_landing(database, {"leads": 3, "quotes": 5})["mismatches"] == {"quotes": [2, 5]}
