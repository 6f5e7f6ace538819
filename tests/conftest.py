"""Shared pytest helpers: build a data directory into a DuckDB file with the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
PIPELINE = PROJECT_DIR / "scripts" / "pipeline.py"
SAMPLE_DIR = PROJECT_DIR / "seeds" / "sample"
sys.path.insert(0, str(PROJECT_DIR / "scripts"))

# Under pytest-xdist each worker runs dbt with its own target and log folders:
# concurrent dbt runs must not share target/ (manifest, partial parse state). The saved
# parse states (pipeline.kept_parse_state, one file per warehouse name, vars and target,
# written by an atomic rename) are shared: with the ones `make test`'s own build left in
# target/partial_parse, each combination is parsed in full once, not once per worker.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if _WORKER:
    os.environ.setdefault("CRM_KPI_PARSE_STATE_DIR",
                          str(Path(os.environ.get("DBT_TARGET_PATH", PROJECT_DIR / "target")) / "partial_parse"))
    for _name, _default in (("DBT_TARGET_PATH", "target"), ("DBT_LOG_PATH", "logs")):
        _base = Path(os.environ.get(_name, PROJECT_DIR / _default))
        os.environ[_name] = str(_base / f"pytest-{_WORKER}")


def run_pipeline(*args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(PIPELINE), *args], capture_output=True, text=True,
                          cwd=PROJECT_DIR, timeout=timeout)


def build(data_dir: Path, database: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    # dbt's unit tests check logic on fixed rows: `make test` runs them once, in its dbt build
    result = run_pipeline("build", "--data-dir", str(data_dir), "--database", str(database), "--quiet",
                          "--no-unit-tests", *extra)
    assert result.returncode == 0, f"build of {data_dir} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


def query(database: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed sample, built once per test session (or the build `make test`
    has just made, named by CRM_KPI_SAMPLE_DB)."""
    prebuilt = os.environ.get("CRM_KPI_SAMPLE_DB")
    if prebuilt and Path(prebuilt).is_file():
        return Path(prebuilt).resolve()
    database = tmp_path_factory.mktemp("sample") / "crm_kpi.duckdb"
    build(SAMPLE_DIR, database)
    return database


@pytest.fixture(scope="session")
def mf_project(sample_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """A MetricFlow scratch project over a copy of the sample (this process opens it; the
    original stays free for other readers), its semantic manifest parsed once per session and
    its queries run in this process."""
    from semantic_support import MetricFlowProject

    root = tmp_path_factory.mktemp("metricflow")
    database = root / sample_db.name
    shutil.copyfile(sample_db, database)
    project = MetricFlowProject(root / "project", database, in_process=True)
    project.parse()
    return project


# Hypothesis profiles for tests/test_reference_property.py (each example builds a warehouse):
# "default" (CI) stays small and reproducible; `--hypothesis-profile=thorough` runs more.
try:
    from hypothesis import HealthCheck, Phase, settings

    # no shrinking: every shrink step is another build; a failing data set is kept on disk instead
    _phases = [Phase.explicit, Phase.reuse, Phase.generate]
    _slow_checks = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
    settings.register_profile("default", max_examples=4, deadline=None, derandomize=True, print_blob=True,
                              phases=_phases, suppress_health_check=_slow_checks)
    settings.register_profile("thorough", max_examples=50, deadline=None, print_blob=True,
                              phases=_phases, suppress_health_check=_slow_checks)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
except ImportError:  # hypothesis is a test dependency; without it the property test is skipped
    pass


# The slowest modules first (each builds on Spark or builds several warehouses): `make
# pytest` runs `-n 2 --dist loadscope --no-loadscope-reorder`, which hands modules to the
# two workers in collection order, so the long ones start at once and the short ones fill
# in around them (xdist's default reorder by test count would start them last).
SLOW_MODULES_FIRST = ["test_spark.py", "test_reference_property.py", "test_golden.py", "test_bad_inputs.py",
                      "test_benchmark_smoke.py", "test_kill_safety.py"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return SLOW_MODULES_FIRST.index(name) if name in SLOW_MODULES_FIRST else len(SLOW_MODULES_FIRST)

    items.sort(key=rank)  # stable: the order within a module and among the others is kept
