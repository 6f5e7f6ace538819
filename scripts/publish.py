"""Publish the marts into a separate, read-only BI file, atomically.

The BI file holds the results of every mart view (same schema.name as in the
warehouse, so kpi_catalog.relation works in both), kpi_catalog, dimension tables
without personal data, and rejected-row counts. It is written to a temporary file
in the target directory, closed, checked (every kpi_catalog relation readable),
then renamed over the old file: a reader holding the old file keeps reading it.
The temporary files of a publish that was killed (its process gone) are deleted
by the next publish to the same target.
"""

from __future__ import annotations

import glob
import os
import re
from pathlib import Path

import duckdb

import guards

MARTS_SCHEMA = "marts"
# Dimension columns BI needs to label breakdowns: no names, emails or phones of people.
# dimension table -> (schema.relation in the warehouse, columns)
DIMENSIONS = {
    "dim_reps": ("staging.stg_crm__sales_reps", ["rep_id", "role", "team", "manager_id", "region", "hire_date",
                                                 "termination_date"]),
    "dim_accounts": ("staging.stg_crm__accounts", ["account_id", "account_name", "industry", "region", "country",
                                                   "acquisition_source", "owner_rep_id"]),
    "dim_products": ("staging.stg_crm__products", ["product_id", "product_name", "category", "is_subscription"]),
    "dim_locations": ("staging.stg_crm__locations", ["location_id", "location_name", "location_type", "region",
                                                     "country"]),
    "dim_campaigns": ("staging.stg_crm__campaigns", ["campaign_id", "campaign_name", "channel", "start_date",
                                                     "end_date"]),
    "dim_pipeline_stages": ("staging.stg_crm__pipeline_stages", ["stage", "stage_order", "default_probability",
                                                                 "is_closed", "is_won"]),
    # the KPI months with their fiscal year and quarter (var fiscal_year_start_month): join any
    # month mart on month to group it by fiscal period
    "dim_months": ("intermediate.int_months", ["month", "month_end", "is_complete", "fiscal_year",
                                               "fiscal_quarter"]),
}


class PublishError(RuntimeError):
    pass


def publish(database: Path, target: Path) -> dict[str, int]:
    """Copy the marts of `database` into `target` atomically; returns {relation: rows}."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target)
    temporary = temporary_path(target, os.getpid())
    temporary.unlink(missing_ok=True)
    try:
        counts = _write(database, temporary)
        _check(temporary)
        try:
            os.replace(temporary, target)
        except OSError as error:
            raise guards.DatabaseProblem(guards.EXIT_BAD_INPUT,
                                         f"cannot replace {target}: {error.strerror}") from error
    finally:
        temporary.unlink(missing_ok=True)
        Path(f"{temporary}.wal").unlink(missing_ok=True)
    return counts


def temporary_path(target: Path, pid: int) -> Path:
    return target.with_name(f".{target.name}.{pid}.tmp")


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Deletes the temporary files (and their .wal) of publishes to `target` whose process is gone
    (killed half-way: the finally below never ran); returns the files removed."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(\d+)\.tmp(\.wal)?")
    removed = []
    for path in target.parent.glob(f".{glob.escape(target.name)}.*.tmp*"):
        match = pattern.fullmatch(path.name)
        if match and not pid_alive(int(match.group(1))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def sql_name(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _write(database: Path, temporary: Path) -> dict[str, int]:
    # the warehouse's views name their tables <file stem>.<schema>.<table>, so the warehouse is attached
    # under its stem; the new file gets an explicit alias of its own (DuckDB would derive it from its
    # file name, which clashes when the BI file has the warehouse's name in another directory)
    warehouse = database.stem
    output = "publish_target" if warehouse != "publish_target" else "publish_target_bi"
    source = sql_name(warehouse)
    con = duckdb.connect()
    try:
        con.execute(f"attach {sql_string(str(temporary))} as {sql_name(output)}")
        con.execute(f"use {sql_name(output)}")
        with guards.database_errors(database):  # a lock taken since the pipeline's check: exit 3, not a traceback
            con.execute(f"attach {sql_string(str(database))} as {sql_name(warehouse)} (read_only)")
        views = [row[0] for row in con.execute(
            "select table_name from information_schema.tables where table_catalog = ? "
            "and table_schema = ? order by 1", [warehouse, MARTS_SCHEMA]).fetchall()]
        if "kpi_catalog" not in views:
            raise PublishError(f"{database} has no {MARTS_SCHEMA}.kpi_catalog: build it first")
        counts: dict[str, int] = {}
        for schema in (MARTS_SCHEMA, "dimensions", "data_quality"):
            con.execute(f"create schema {schema}")
        for view in views:
            counts[f"{MARTS_SCHEMA}.{view}"] = _copy(con, f'{source}.{MARTS_SCHEMA}.{view}',
                                                    f"{MARTS_SCHEMA}.{view}")
        for name, (relation, columns) in DIMENSIONS.items():
            counts[f"dimensions.{name}"] = _copy(con, f"{source}.{relation}", f"dimensions.{name}", columns)
        con.execute("create table data_quality.rejected_counts as select table_name, reason, count(*) as rejected_rows "
                    f'from {source}.staging.rejected_rows group by all order by all')
        counts["data_quality.rejected_counts"] = con.execute(
            "select count(*) from data_quality.rejected_counts").fetchone()[0]
        con.execute(f"detach {sql_name(warehouse)}")
        con.execute("checkpoint")
        return counts
    finally:
        con.close()


def _copy(con: duckdb.DuckDBPyConnection, source: str, target: str, columns: list[str] | None = None) -> int:
    select = ", ".join(columns) if columns else "*"
    con.execute(f"create table {target} as select {select} from {source}")
    return con.execute(f"select count(*) from {target}").fetchone()[0]


def _check(temporary: Path) -> None:
    con = duckdb.connect(str(temporary), read_only=True)
    try:
        relations = [row[0] for row in con.execute("select distinct relation from marts.kpi_catalog").fetchall()]
        for relation in relations:
            con.execute(f"select * from {relation} limit 1").fetchall()
    except duckdb.Error as error:
        raise PublishError(f"the new BI file failed its check: {error}") from error
    finally:
        con.close()
