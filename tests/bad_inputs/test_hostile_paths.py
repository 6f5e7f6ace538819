"""Hostile paths (issue 18, items 1-3): a data directory's or database's name reaches SQL as data only.

One build of a copy of the sample in a directory whose name holds a Jinja expression
that would create a table, a single quote and a glob star, beside a sibling directory
the star would match, into a database in a directory whose name holds a quote; then a
publish of that database to a file whose directory and name hold quotes. (The file dbt
builds into needs a plain name: dbt-duckdb writes its stem into SQL as the catalog name;
the pipeline refuses any other, tests/test_pipeline_cli.py.) Nothing may be created, every file lands once, from its own
path, and the BI file holds every KPI.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SAMPLE_DIR, build, query, run_pipeline

pytestmark = pytest.mark.slow

HOSTILE_NAME = "it's {{ run_query('create table pwned as select 42 as x') }} exp*"
SIBLING_NAME = "it's {{ run_query('create table pwned as select 42 as x') }} exp1"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hostile")
    data_dir = root / HOSTILE_NAME
    shutil.copytree(SAMPLE_DIR, data_dir)
    # a sibling the unescaped glob `exp*` would also read: one table only, so a double landing shows
    (root / SIBLING_NAME).mkdir()
    shutil.copy(SAMPLE_DIR / "opportunities.csv", root / SIBLING_NAME / "opportunities.csv")
    database = root / "it's the warehouse" / "crm-kpi.duckdb"
    database.parent.mkdir()
    build(data_dir, database)
    return data_dir, database


def test_a_template_in_the_path_is_not_rendered(hostile_build: tuple[Path, Path]) -> None:
    _, database = hostile_build
    created = query(database, "select table_schema, table_name from information_schema.tables "
                              "where table_name = 'pwned'")
    assert created == []


def test_each_file_lands_once_from_its_own_path(hostile_build: tuple[Path, Path]) -> None:
    data_dir, database = hostile_build
    with (SAMPLE_DIR / "opportunities.csv").open(newline="", encoding="utf-8") as handle:
        import csv

        records = sum(1 for _ in csv.reader(handle)) - 1
    files = query(database, "select _source_file, count(*) from raw.opportunities group by 1")
    assert files == [(str(data_dir / "opportunities.csv"), records)]


def test_landed_objects_names_the_quoted_path(hostile_build: tuple[Path, Path]) -> None:
    data_dir, database = hostile_build
    rows = query(database, "select location from raw.landed_objects where object_name = 'accounts'")
    assert rows == [(str(data_dir / "accounts.csv"),)]


def test_a_database_path_with_quotes_publishes(hostile_build: tuple[Path, Path], tmp_path: Path) -> None:
    _, database = hostile_build
    target = tmp_path / "it's bi" / "crm's bi.duckdb"
    result = run_pipeline("publish", "--database", str(database), "--to", str(target))
    assert result.returncode == 0, result.stderr
    assert query(target, "select count(*) from marts.kpi_catalog") == [(81,)]
