"""The same project on Apache Spark gives the same KPI values as on DuckDB.

Builds the committed sample with `pipeline.py build --target spark` (dbt-spark,
method: session, Spark in local mode), then compares the headline column of every
kpi_catalog entry, row by row over its whole grain, with the DuckDB build of the
same sample: the same keys, numbers within 0.01, NULLs where DuckDB has NULLs.

Needs the Spark extra (`make setup-spark`: dbt-spark[session], pyspark) and Java 17+.
Without them the test is skipped, unless CRM_KPI_REQUIRE_SPARK=1 (set by `make test`
and `make test-spark`), which turns the skip into a failure so CI cannot pass without it.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import PROJECT_DIR, SAMPLE_DIR

pytestmark = [pytest.mark.slow, pytest.mark.spark]

TOLERANCE = 0.01
SHORT_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=1g"
SPARK_DUMP = Path(__file__).resolve().parent / "spark_headlines.py"


def headline_queries(catalog: list[tuple[str, str, str, str]]) -> dict[str, str]:
    """{kpi_id: SQL} selecting the grain columns and the headline as text (a headline may be a label).

    `catalog` rows are (kpi_id, relation, column, grain); the SQL is the same on both
    engines (identifiers are plain lower-case names, so no quoting is needed)."""
    queries = {}
    for kpi_id, relation, column, grain in catalog:
        keys = [key.strip() for key in grain.split(",")]
        selected = [f"cast({key} as string) as k{i}" for i, key in enumerate(keys)]
        queries[kpi_id] = f"select {', '.join(selected)}, cast({column} as string) as v from {relation}"
    return queries


def as_number(value: Any) -> float | str | None:
    """A number when the text is one (1 == 1.000000 == 1.0), else the text; NaN as None."""
    if value is None:
        return None
    try:
        number = float(str(value))
    except ValueError:
        return str(value)
    return None if math.isnan(number) else number


def normalise(rows: list[tuple[Any, ...]]) -> dict[tuple[str, ...], float | str | None]:
    """{grain key: value}, keys and values as numbers where they look like numbers."""
    found: dict[tuple[str, ...], float | str | None] = {}
    for row in rows:
        key = tuple("<null>" if v is None else repr(as_number(v)) for v in row[:-1])
        assert key not in found, f"grain key {key} is not unique"
        found[key] = as_number(row[-1])
    return found


def same(value: float | str | None, other: float | str | None) -> bool:
    if isinstance(value, float) and isinstance(other, float):
        return abs(value - other) <= TOLERANCE
    return value == other


def spark_ready() -> str | None:
    """None when the Spark extra and Java are there, else what is missing."""
    if importlib.util.find_spec("pyspark") is None or importlib.util.find_spec("dbt.adapters.spark") is None:
        return "the Spark extra is not installed (make setup-spark)"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (Spark needs Java 17+)"
    return None


@pytest.fixture(scope="module")
def spark_headlines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[Any]]]:
    missing = spark_ready()
    if missing:
        if os.environ.get("CRM_KPI_REQUIRE_SPARK") == "1":
            pytest.fail(f"CRM_KPI_REQUIRE_SPARK=1 but {missing}")
        pytest.skip(missing)
    work = tmp_path_factory.mktemp("spark")
    env = {**os.environ, "CRM_KPI_SPARK_DIR": str(work / "spark"), "DBT_TARGET_PATH": str(work / "target"),
           "DBT_LOG_PATH": str(work / "logs"), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
           # a short-lived JVM on small data: the JIT's quick tier only (profiles.yml)
           "CRM_KPI_SPARK_JAVA_OPTIONS": SHORT_JVM_OPTIONS}
    build = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "pipeline.py"), "build", "--target", "spark",
         "--data-dir", str(SAMPLE_DIR), "--no-unit-tests", "--quiet"],
        cwd=work, env=env, capture_output=True, text=True, timeout=1800)
    assert build.returncode == 0, f"Spark build failed (exit {build.returncode}):\n{build.stderr[-4000:]}"
    out = work / "headlines.json"
    dump = subprocess.run([sys.executable, str(SPARK_DUMP), "--out", str(out)], cwd=work, env=env,
                          capture_output=True, text=True, timeout=900)
    assert dump.returncode == 0, f"reading the Spark tables failed:\n{dump.stderr[-4000:]}"
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def duckdb_headlines(sample_db: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(str(sample_db), read_only=True)
    try:
        catalog = con.execute('select kpi_id, relation, "column", grain from marts.kpi_catalog order by 1').fetchall()
        return {kpi_id: con.execute(sql).fetchall() for kpi_id, sql in headline_queries(catalog).items()}
    finally:
        con.close()


def test_spark_has_the_same_kpi_ids(spark_headlines: dict[str, Any], duckdb_headlines: dict[str, Any]) -> None:
    assert len(duckdb_headlines) == 81
    assert sorted(spark_headlines) == sorted(duckdb_headlines)


def test_every_kpi_value_equals_duckdb(spark_headlines: dict[str, Any], duckdb_headlines: dict[str, Any]) -> None:
    problems = []
    for kpi_id, expected_rows in sorted(duckdb_headlines.items()):
        expected = normalise(expected_rows)
        actual = normalise([tuple(row) for row in spark_headlines.get(kpi_id, [])])
        if set(actual) != set(expected):
            only_duck = sorted(set(expected) - set(actual))[:3]
            only_spark = sorted(set(actual) - set(expected))[:3]
            problems.append(f"{kpi_id}: keys differ ({len(expected)} on DuckDB, {len(actual)} on Spark; "
                            f"only DuckDB {only_duck}, only Spark {only_spark})")
            continue
        for key, value in expected.items():
            other = actual[key]
            if not same(value, other):
                problems.append(f"{kpi_id} {key}: DuckDB {value}, Spark {other}")
                break
    assert not problems, f"{len(problems)} of {len(duckdb_headlines)} KPIs differ:\n" + "\n".join(problems)


def test_headline_queries_and_normalise() -> None:
    sql = headline_queries([("k", "marts.x", "rate", "month, stage")])["k"]
    assert sql == ("select cast(month as string) as k0, cast(stage as string) as k1, "
                   "cast(rate as string) as v from marts.x")
    assert normalise([("2025-01-01", "1.000000", "2.50"), ("2025-01-01", "b", None), ("x", "1", "lost")]) == {
        ("'2025-01-01'", "1.0"): 2.5, ("'2025-01-01'", "'b'"): None, ("'x'", "1.0"): "lost"}
    with pytest.raises(AssertionError):
        normalise([("a", "1"), ("a", "2")])
    assert same(1.0, 1.009) and not same(1.0, 1.02) and same("lost", "lost") and not same(None, 0.0)
    assert not same("1", 1.0) and same(None, None)
