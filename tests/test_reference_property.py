"""Property test: on random small data sets (tests/reference/strategies.py) the SQL marts agree
with the plain-pandas reference implementation (tests/reference/), KPI by KPI.

Each example is built with `scripts/pipeline.py build` (~15-60 s), loaded with the reference
loader, and compared:
- the loader's clean tables and rejects with the warehouse's staging (loader.diff_clean);
- every kpi_id of registry.KPIS with its SQL headline read through marts.kpi_catalog: every
  reference key present in SQL, numbers equal within 0.01 absolute + 1e-6 relative, NULLs equal.
The default (CI) hypothesis profile runs 4 derandomized examples; run more with
`pytest tests/test_reference_property.py --hypothesis-profile=thorough`.
A failing example's CSV files are kept under $CRM_KPI_FAILURES (default /tmp/crm_kpi_failures).
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import math
import os
import shutil
import tempfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import kpi_spec
from conftest import build

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given  # noqa: E402

from reference import loader, registry  # noqa: E402
from reference.strategies import DataSet, datasets  # noqa: E402

ABS_TOL, REL_TOL = 0.01, 1e-6
FAILURES_DIR = Path(os.environ.get("CRM_KPI_FAILURES", "/tmp/crm_kpi_failures"))


def test_registry_covers_every_kpi_id() -> None:
    expected = set(kpi_spec.load())
    assert len(expected) == 81
    missing = sorted(expected - set(registry.KPIS))
    unknown = sorted(set(registry.KPIS) - expected)
    assert not missing and not unknown, f"missing from the reference: {missing}; not in the catalog: {unknown}"


@pytest.mark.slow
@given(data=datasets())
def test_reference_matches_sql(data: DataSet) -> None:
    with tempfile.TemporaryDirectory(prefix="crm_kpi_prop_") as tmp:
        data_dir = data.write(Path(tmp) / "data")
        database = Path(tmp) / "crm_kpi.duckdb"
        try:
            build(data_dir, database, *data.build_options())
            problems = compare(data_dir, database, data)
        except BaseException:
            _keep(data_dir, data)
            raise
        if problems:
            kept = _keep(data_dir, data)
            pytest.fail(f"{len(problems)} disagreement(s); data set kept in {kept} ({data.describe()}):\n  "
                        + "\n  ".join(problems), pytrace=False)


def compare(data_dir: Path, database: Path, data: DataSet) -> list[str]:
    ours = loader.load(data_dir, as_of_date=data.as_of_date, currency=data.currency)
    theirs = loader.from_warehouse(database, currency=data.currency)
    problems = [f"staging: {p}" for p in loader.diff_clean(ours, theirs)]
    con = duckdb.connect(str(database), read_only=True)
    try:
        catalog = {row[0]: row[1:] for row in con.execute(
            'select kpi_id, relation, "column", grain from marts.kpi_catalog').fetchall()}
        for kpi_id, function in sorted(registry.KPIS.items()):
            if kpi_id not in catalog:
                problems.append(f"{kpi_id}: not in marts.kpi_catalog")
                continue
            try:
                reference = function(ours)
            except Exception as error:  # noqa: BLE001 - reported with the others
                problems.append(f"{kpi_id}: reference raised {type(error).__name__}: {error}")
                continue
            problems += compare_kpi(con, kpi_id, *catalog[kpi_id], reference)
    finally:
        con.close()
    return problems


def compare_kpi(con: duckdb.DuckDBPyConnection, kpi_id: str, relation: str, column: str, grain: str,
                reference: pd.DataFrame, limit: int = 5) -> list[str]:
    keys = [g.strip() for g in grain.split(",")]
    missing_cols = [k for k in [*keys, "value"] if k not in reference.columns]
    if missing_cols:
        return [f"{kpi_id}: reference lacks columns {missing_cols} (grain {keys})"]
    select = ", ".join(f'"{k}"' for k in keys)
    rows = con.execute(f'select {select}, "{column}" from {relation}').fetchall()
    sql: dict[tuple, object] = {}
    for row in rows:
        sql.setdefault(tuple(_key(v) for v in row[:-1]), []).append(row[-1])
    problems: list[str] = []
    absent, differ = [], []
    for record in reference[[*keys, "value"]].itertuples(index=False):
        key = tuple(_key(v) for v in record[:-1])
        want = record[-1]
        if key not in sql:
            absent.append((key, want))
            continue
        got = sql[key]
        if len(got) != 1:
            differ.append(f"{_show(key)}: {len(got)} SQL rows")
        elif not _equal(got[0], want):
            differ.append(f"{_show(key)}: sql {got[0]!r} vs reference {_num(want)!r}")
    if absent:
        problems.append(f"{kpi_id}: {len(absent)} reference keys ({', '.join(keys)}) missing in {relation}, e.g. "
                        + "; ".join(f"{_show(k)} (reference {_num(v)!r})" for k, v in absent[:limit]))
    if differ:
        problems.append(f"{kpi_id}: {len(differ)} values differ ({relation}.{column}), e.g. "
                        + "; ".join(differ[:limit]))
    return problems


def _key(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        return pd.Timestamp(value)
    if isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool):
        return float(value)
    return str(value)


def _show(key: tuple) -> str:
    return "(" + ", ".join(v.date().isoformat() if isinstance(v, pd.Timestamp) and v == v.normalize() else str(v)
                           for v in key) + ")"


def _num(value: object) -> object:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _equal(got: object, want: object) -> bool:
    got_null = got is None or (isinstance(got, float) and math.isnan(got))
    want_null = want is None or (isinstance(want, float) and math.isnan(want)) or want is pd.NA
    if got_null or want_null:
        return got_null and want_null
    if isinstance(got, str) or isinstance(want, str):
        return str(got) == str(want)
    got_f, want_f = float(got), float(want)
    return abs(got_f - want_f) <= ABS_TOL + REL_TOL * abs(want_f)


def _keep(data_dir: Path, data: DataSet) -> Path:
    digest = hashlib.sha1(data.describe().encode() + str(data.tables).encode()).hexdigest()[:10]
    target = FAILURES_DIR / digest
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(data_dir, target)
    (target / "BUILD_OPTIONS").write_text(" ".join(data.build_options()) + "\n")
    return target
