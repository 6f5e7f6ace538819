"""Every KPI declares `needs`, and the needs say when its value can be trusted (issue #17).

A KPI's `needs` (its meta.kpis entry) are the contract tables its headline value cannot
do without; kpi_catalog marks it unavailable, and its view returns no rows, when one of
them was not supplied. docs/ADDING_A_KPI.md says how to choose them.

- fast (dbt parse only): every entry has a non-empty list of contract tables, each of
  them in the lineage of the KPI's model (a base_crm__<table> model or a crm.<table>
  source it reads, directly or through other models);
- slow: the subset property. The sample built with only a few of its files gives, for
  every KPI that kpi_catalog marks available, the same headline values as the full
  sample (same --as-of-date), and no rows at all for every KPI it marks unavailable.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR, SAMPLE_DIR, build, query
from contract import load_contract
from test_spark import headline_queries, normalise, same

BIN = Path(sys.executable).parent
CONTRACT_TABLES = {table["name"] for table in load_contract()}
# the files of the subset build: the pipeline's core tables. fx_rates is no KPI's need, but the
# sample's EUR and GBP opportunities are rejected without it (missing_fx_rate), which would
# change every opportunity KPI for a reason that is about the data, not about the needs
SUBSET_TABLES = ["opportunities", "pipeline_stages", "accounts", "sales_reps"]
SUBSET_FILES = [*SUBSET_TABLES, "fx_rates"]
# int_event_dates reads every event table, but only for the bounds of the month spine (first
# event, as-of date): a table reached only through it is not in a KPI's lineage
CALENDAR_ONLY = {"int_event_dates"}
# the KPIs those tables must support
SUBSET_AVAILABLE = {"win_rate", "deals_won", "average_deal_size", "sales_cycle_length",
                    "opportunities_created", "pipeline_value"}


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("needs_parse")
    env = {**os.environ, "DBT_LOG_PATH": str(work / "logs"), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    result = subprocess.run(
        [str(BIN / "dbt"), "parse", "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR),
         "--target-path", str(work / "target"), "--no-partial-parse", "--quiet"],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"dbt parse failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return json.loads((work / "target" / "manifest.json").read_text())


def kpi_entries(manifest: dict) -> list[tuple[str, dict]]:
    """(model unique_id, meta.kpis entry) of every KPI."""
    return [(unique_id, kpi)
            for unique_id, node in manifest["nodes"].items() if node["resource_type"] == "model"
            for kpi in (node["config"].get("meta") or {}).get("kpis") or []]


def lineage_tables(manifest: dict, unique_id: str) -> set[str]:
    """The contract tables a node reads: the base_crm__<table> models and crm.<table> sources
    among its ancestors (the walk stops there: a base model's own parents are its FK checks),
    not through the calendar (CALENDAR_ONLY)."""
    found: set[str] = set()
    seen: set[str] = set()
    stack = [unique_id]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        if current.startswith("source."):
            source = manifest["sources"][current]
            if source["source_name"] == "crm" and source["name"] in CONTRACT_TABLES:
                found.add(source["name"])
            continue
        node = manifest["nodes"].get(current)
        if node is None or node["name"] in CALENDAR_ONLY:
            continue
        table = node["name"].removeprefix("base_crm__")
        if node["name"].startswith("base_crm__") and table in CONTRACT_TABLES:
            found.add(table)
            continue
        stack.extend(node.get("depends_on", {}).get("nodes", []))
    return found


def test_every_kpi_declares_needs_that_are_contract_tables(manifest: dict) -> None:
    entries = kpi_entries(manifest)
    assert len(entries) == 81
    problems = []
    for _, kpi in entries:
        needs = kpi.get("needs")
        if not isinstance(needs, list) or not needs:
            problems.append(f"{kpi['kpi_id']}: needs is {needs!r}, not a non-empty list")
            continue
        unknown = [table for table in needs if table not in CONTRACT_TABLES]
        if unknown:
            problems.append(f"{kpi['kpi_id']}: {unknown} are not contract tables")
        if len(set(needs)) != len(needs):
            problems.append(f"{kpi['kpi_id']}: a table is listed twice in {needs}")
        if "fx_rates" in needs:
            problems.append(f"{kpi['kpi_id']}: fx_rates is no need (a rate missing rejects the row)")
    assert not problems, "\n".join(problems)


def test_every_need_is_in_the_lineage_of_the_kpis_model(manifest: dict) -> None:
    problems = []
    for unique_id, kpi in kpi_entries(manifest):
        read = lineage_tables(manifest, unique_id)
        missing = sorted(set(kpi.get("needs") or []) - read)
        if missing:
            problems.append(f"{kpi['kpi_id']} ({manifest['nodes'][unique_id]['name']}) never reads {missing}")
    assert not problems, "\n".join(problems)


def test_the_lineage_walk_finds_the_tables_a_model_reads(manifest: dict) -> None:
    models = {node["name"]: unique_id for unique_id, node in manifest["nodes"].items()}
    assert lineage_tables(manifest, models["net_promoter_score"]) >= {"nps_responses"}
    assert "quotas" in lineage_tables(manifest, models["quota_attainment"])
    assert "quotas" not in lineage_tables(manifest, models["win_rate"])
    # win_rate's month spine reads nps_responses' dates, which is no lineage of its value
    assert "nps_responses" not in lineage_tables(manifest, models["win_rate"])


def as_of_date(database: Path) -> str:
    """The as-of date a build used (int_months carries it on every row)."""
    schema = query(database, "select table_schema from information_schema.tables where table_name = 'int_months'")
    assert schema, "no int_months in the build"
    return str(query(database, f"select max(as_of_date) from {schema[0][0]}.int_months")[0][0])


def read_headlines(database: Path) -> tuple[dict[str, bool], dict[str, str], dict[str, list[tuple]]]:
    """({kpi_id: available}, {kpi_id: relation}, {kpi_id: headline rows over its grain})."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        catalog = con.execute(
            'select kpi_id, relation, "column", grain, available from marts.kpi_catalog order by kpi_id').fetchall()
        available = {row[0]: str(row[4]).lower() in ("true", "1") for row in catalog}
        relations = {row[0]: row[1] for row in catalog}
        rows = {kpi_id: con.execute(sql).fetchall()
                for kpi_id, sql in headline_queries([row[:4] for row in catalog]).items()}
        return available, relations, rows
    finally:
        con.close()


@pytest.mark.slow
def test_a_subset_of_the_files_gives_the_full_values_or_no_rows(sample_db: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "subset"
    data_dir.mkdir()
    for table in SUBSET_FILES:
        shutil.copy(SAMPLE_DIR / f"{table}.csv", data_dir / f"{table}.csv")
    database = tmp_path / "crm_kpi.duckdb"
    as_of = as_of_date(sample_db)
    build(data_dir, database, "--as-of-date", as_of)
    assert as_of_date(database) == as_of

    full_available, _, full_rows = read_headlines(sample_db)
    available, relations, rows = read_headlines(database)
    assert all(full_available.values()), "the full sample supplies every table"
    assert sorted(available) == sorted(full_available)
    missing = SUBSET_AVAILABLE - {kpi_id for kpi_id, is_available in available.items() if is_available}
    assert not missing, f"unavailable from {SUBSET_TABLES}: {sorted(missing)}"

    problems = []
    for kpi_id in sorted(available):
        if not available[kpi_id]:
            if rows[kpi_id]:
                problems.append(f"{kpi_id}: unavailable, but {relations[kpi_id]} has {len(rows[kpi_id])} rows")
            continue
        expected = normalise(full_rows[kpi_id])
        differing = [(key, value, expected.get(key, "<no such row>"))
                     for key, value in normalise(rows[kpi_id]).items()
                     if key not in expected or not same(value, expected[key])]
        if not rows[kpi_id]:
            problems.append(f"{kpi_id}: available, but {relations[kpi_id]} has no rows")
        elif differing:
            problems.append(f"{kpi_id}: {len(differing)} of {len(rows[kpi_id])} rows differ from the full build, "
                            f"e.g. (key, subset, full) {differing[:3]}")
    assert not problems, f"{len(problems)} KPIs break the subset property:\n" + "\n".join(problems)
