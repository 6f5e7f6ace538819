"""The reference loader (tests/reference/loader.py) agrees with the warehouse's staging on the
committed sample: same clean keys and values (numbers within 1e-6), same rejects
(table, source_row, reason), same as-of date and month spine."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLE_DIR
from reference import loader

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ours() -> loader.Clean:
    return loader.load(SAMPLE_DIR)


@pytest.fixture(scope="module")
def warehouse(sample_db: Path) -> loader.Clean:
    return loader.from_warehouse(sample_db)


def test_rejects_equal_rejected_rows(ours: loader.Clean, warehouse: loader.Clean) -> None:
    key = ["table", "source_row", "reason"]
    a = sorted(map(tuple, ours.rejects[key].astype({"source_row": int}).to_numpy().tolist()))
    b = sorted(map(tuple, warehouse.rejects[key].astype({"source_row": int}).to_numpy().tolist()))
    assert a == b


def test_injected_rejects_found(ours: loader.Clean) -> None:
    import pandas as pd

    injected = pd.read_csv(SAMPLE_DIR / "_injected_rejects.csv")
    found = set(map(tuple, ours.rejects[["table", "source_row", "reason"]].to_numpy().tolist()))
    missing = [r for r in map(tuple, injected[["table_name", "source_row", "reason"]].to_numpy().tolist())
               if r not in found]
    assert not missing


@pytest.mark.parametrize("table", loader.TABLES)
def test_clean_table_equals_staging(ours: loader.Clean, warehouse: loader.Clean, table: str) -> None:
    problems = loader._diff_table(table, ours.frames[table], warehouse.frames[table], 1e-6, 5)
    assert not problems, "\n".join(problems)


def test_as_of_date_and_months(ours: loader.Clean, warehouse: loader.Clean) -> None:
    assert ours.as_of_date == warehouse.as_of_date
    assert ours.months == warehouse.months
    assert ours.reporting_currency == warehouse.reporting_currency == "USD"


def test_every_raw_row_is_clean_or_rejected(ours: loader.Clean) -> None:
    import pandas as pd

    for table in loader.TABLES:
        raw = len(pd.read_csv(SAMPLE_DIR / f"{table}.csv", dtype=str, keep_default_na=False))
        rejected = int((ours.rejects["table"] == table).sum())
        assert raw == len(ours.frames[table]) + rejected, table
