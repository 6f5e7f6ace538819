"""Golden end-to-end tests: tiny hand-made data sets whose KPI values were worked
out by hand (tests/fixtures/golden/<name>/expected.yml, arithmetic in comments).
Each is built with `pipeline.py build`; every expected value is read through
kpi_catalog, never from a hard-coded model name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT_DIR, build, query

GOLDEN_DIR = PROJECT_DIR / "tests" / "fixtures" / "golden"
CASES = sorted(p.parent for p in GOLDEN_DIR.glob("*/expected.yml"))
TOLERANCE = 0.01


def load_expected(case: Path) -> dict:
    return yaml.safe_load((case / "expected.yml").read_text())


@pytest.fixture(scope="module", params=CASES, ids=[c.name for c in CASES])
def golden(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    case: Path = request.param
    spec = load_expected(case)
    database = tmp_path_factory.mktemp(case.name) / "crm_kpi.duckdb"
    extra = ["--as-of-date", str(spec["as_of_date"])] if spec.get("as_of_date") else []
    build(case, database, *extra)
    return database, spec


def headline(database: Path, kpi_id: str, key: dict) -> list[tuple]:
    rows = query(database, 'select relation, "column", grain from marts.kpi_catalog where kpi_id = ?', [kpi_id])
    assert rows, f"{kpi_id} is not in kpi_catalog"
    relation, column, grain = rows[0]
    grain_columns = [g.strip() for g in grain.split(",")]
    assert sorted(grain_columns) == sorted(key), f"{kpi_id}: key {sorted(key)} but grain is {grain_columns}"
    where = " and ".join(f"{name} = ?" for name in grain_columns)
    params = [_param(key[name]) for name in grain_columns]
    return query(database, f'select "{column}" from {relation} where {where}', params)


def _param(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def test_golden_values(golden: tuple[Path, dict]) -> None:
    database, spec = golden
    mismatches = []
    for item in spec["expected"]:
        rows = headline(database, item["kpi_id"], item["key"])
        want = item["value"]
        if len(rows) != 1:
            mismatches.append(f"{item['kpi_id']} {item['key']}: {len(rows)} rows, expected 1 with {want!r}")
            continue
        got = rows[0][0]
        if not _equal(got, want):
            mismatches.append(f"{item['kpi_id']} {item['key']}: got {got!r}, expected {want!r}")
    assert not mismatches, "\n".join(mismatches)


def _equal(got: object, want: object) -> bool:
    if want is None or got is None:
        return want is None and got is None
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return abs(float(got) - float(want)) <= TOLERANCE + 1e-6 * abs(float(want))
    return str(got) == str(want)
