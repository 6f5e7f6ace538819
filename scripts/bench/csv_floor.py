#!/usr/bin/env python3
"""The csv_read floor: DuckDB reading every CSV file of a data set once, without dbt.

    python scripts/bench/csv_floor.py --data-dir DIR --database FILE --report FILE.json --memory-limit 3GB

scripts/benchmark.py runs it as a contender of its own, in a fresh child process timed
from spawn to exit. In one DuckDB connection to a fresh database file, for every table of
the data contract (macros/staging/crm_contract.sql, read by scripts/contract.py) whose
<table>.csv is in DIR, in contract order:

  read_text  create table csv_text.<table> as select * from read_csv(<file>, all_varchar = true, ...)
             with the landing's read_csv options (contract.read_raw_csv_sql): every column as text;
  typed      create table csv_typed.<table> as select try_cast(<column> as <type>) as <column>, ...
             from csv_text.<table>: every contract column, <type> the SQL type the staging parses
             its contract data_type into (SQL_TYPES); a column absent from the header is a typed null.

The report: seconds per phase, statements, and the row count of every text table.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Optional

SCRIPTS_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(SCRIPTS_DIR))

import contract  # noqa: E402  (scripts/contract.py: the contract, read from its macro)

PHASES = ["read_text", "typed"]
TEXT_SCHEMA, TYPED_SCHEMA = "csv_text", "csv_typed"
# The DuckDB type the staging parses each contract data_type into (macros/staging/crm_columns.sql
# crm_typed_column and crm_number_type, macros/cross_db/safe_timestamp.sql; integers end as int32
# in crm_base_model); a number column with meta precision: double is a double.
SQL_TYPES = {"text": "varchar", "enum": "varchar", "currency": "varchar", "date": "date",
             "timestamp": "timestamptz", "number": "decimal(28, 6)", "integer": "integer", "boolean": "boolean"}


def sql_type(column: dict[str, Any]) -> str:
    """The SQL type of one contract column; an unknown data_type stops the run."""
    data_type = column["data_type"]
    if data_type not in SQL_TYPES:
        raise SystemExit(f"column {column['name']!r}: contract data_type {data_type!r} has no SQL type in {__file__}")
    if data_type == "number" and (column.get("meta") or {}).get("precision") == "double":
        return "double"
    return SQL_TYPES[data_type]


def csv_files(data_dir: Path) -> dict[str, Path]:
    """{table: <data_dir>/<table>.csv} for every contract table whose file exists, in contract order."""
    found = {table["name"]: data_dir / f"{table['name']}.csv" for table in contract.load_contract()}
    return {table: path for table, path in found.items() if path.is_file()}


def read_text_sql(table: str, path: Path) -> str:
    return f"create table {TEXT_SCHEMA}.{table} as select * from {contract.read_raw_csv_sql(path)}"


def typed_sql(table: dict[str, Any], header: list[str]) -> str:
    """The typed copy of a text table whose columns are `header` (as written in the file).

    A contract column matches the first header name equal to it after trim and lower case,
    as the landing matches them (macros/landing/land_raw_tables.sql, crm_land_object)."""
    by_key: dict[str, str] = {}
    for original in header:
        by_key.setdefault(original.strip().lower(), original)
    selected = []
    for column in table["columns"]:
        name, type_ = column["name"], sql_type(column)
        original = by_key.get(name)
        value = f"try_cast({contract.quote_name(original)} as {type_})" if original else f"cast(null as {type_})"
        selected.append(f"{value} as {contract.quote_name(name)}")
    return (f"create table {TYPED_SCHEMA}.{table['name']} as select {', '.join(selected)} "
            f"from {TEXT_SCHEMA}.{table['name']}")


def text_columns(con: Any, table: str) -> list[str]:
    """The columns of csv_text.<table>: the file's header names as written."""
    return [row[0] for row in con.execute(
        "select column_name from duckdb_columns() where schema_name = ? and table_name = ? order by column_index",
        [TEXT_SCHEMA, table]).fetchall()]


def connect(database: Path, memory_limit: str) -> Any:
    """A fresh database file with the build's settings: time zone UTC, memory_limit, threads."""
    import duckdb

    database.parent.mkdir(parents=True, exist_ok=True)
    for stale in (database, database.with_name(database.name + ".wal")):
        stale.unlink(missing_ok=True)
    con = duckdb.connect(str(database))
    con.execute("set timezone = 'UTC'")
    con.execute(f"set memory_limit = '{memory_limit}'")
    if os.environ.get("CRM_KPI_DUCKDB_THREADS"):  # as the build's on-run-start does
        con.execute(f"set threads = {int(os.environ['CRM_KPI_DUCKDB_THREADS'])}")
    for schema in (TEXT_SCHEMA, TYPED_SCHEMA):
        con.execute(f"create schema {schema}")
    return con


def run(data_dir: Path, database: Path, memory_limit: str) -> dict[str, Any]:
    """Reads every contract CSV file of `data_dir` as text, then types it; returns the report."""
    files = csv_files(data_dir)
    if not files:
        raise SystemExit(f"{data_dir}: no CSV file of the data contract")
    tables = {table["name"]: table for table in contract.load_contract()}
    con = connect(database, memory_limit)
    phases = dict.fromkeys(PHASES, 0.0)
    statements = dict.fromkeys(PHASES, 0)

    def timed(phase: str, sql: str) -> None:
        started = time.perf_counter()
        con.execute(sql)
        phases[phase] += time.perf_counter() - started
        statements[phase] += 1

    for table, path in files.items():
        timed("read_text", read_text_sql(table, path))
    for table in files:
        timed("typed", typed_sql(tables[table], text_columns(con, table)))
    rows = {table: con.execute(f"select count(*) from {TEXT_SCHEMA}.{table}").fetchone()[0] for table in files}
    typed_rows = {table: con.execute(f"select count(*) from {TYPED_SCHEMA}.{table}").fetchone()[0] for table in files}
    threads, limit = con.execute("select current_setting('threads'), current_setting('memory_limit')").fetchone()
    con.close()
    return {"phases": {k: round(v, 4) for k, v in phases.items()}, "statements": statements,
            "tables": len(files), "rows": rows, "typed_rows_match": rows == typed_rows,
            "duckdb_threads": threads, "duckdb_memory_limit": limit}


def compare_landing(build_database: Path, rows: dict[str, int]) -> dict[str, Any]:
    """The text tables' row counts against the build's landing (raw.<table>) in `build_database`."""
    import duckdb

    con = duckdb.connect(str(build_database), read_only=True)
    try:
        landed = {table: con.execute(f"select count(*) from raw.{table}").fetchone()[0] for table in rows}
    finally:
        con.close()
    mismatches = {table: [landed[table], count] for table, count in rows.items() if landed[table] != count}
    return {"tables_compared": len(rows), "same_row_counts": not mismatches, "mismatches": mismatches}


def parse_args(argv: Optional[list[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--database", type=Path, required=True, help="a fresh DuckDB file (replaced)")
    parser.add_argument("--report", type=Path, required=True, help="JSON: phases, statements, row counts")
    parser.add_argument("--memory-limit", required=True, help="DuckDB memory_limit, e.g. 3GB")
    return parser.parse_args(argv)


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    report = run(args.data_dir, args.database, args.memory_limit)
    args.report.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
