"""The bad-input corpus (tests/bad_inputs/cases.yml) through the pipeline.

Row, clean and file cases are applied together to one copy of the sample, built
ONCE (module fixture `built`): each row case's row must be in rejected_rows with
its reason, column and value, every other row clean. Stop cases each break their
own copy and must stop with exit 2 and one line naming the file (and the line, for a
row that is not clean CSV); all but those found by the landing stop before dbt starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest

from bad_inputs import corpus
from conftest import build, query, run_pipeline

pytestmark = pytest.mark.slow

COMBINED = corpus.combined()
CASES = corpus.load_cases()
TABLES = corpus.contract_by_table()
INJECTED = corpus.injected_rejects()

Rejection = tuple[str, str, str | None]  # reason, column, offending value


@dataclass
class Built:
    database: Path
    rejected: dict[tuple[str, int], Rejection]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("bad_inputs")
    COMBINED.write(root / "data")
    database = root / "crm_kpi.duckdb"
    build(root / "data", database)
    rows = query(database, "select table_name, source_row, reason, column_name, offending_value "
                           "from staging.rejected_rows")
    rejected = {(table, row): (reason, column, value) for table, row, reason, column, value in rows}
    assert len(rejected) == len(rows), "a raw row is in rejected_rows twice"
    return Built(database, rejected)


def case_param(case: corpus.RowCase) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=f"staging gap: {case.gap}")] if case.gap else []
    return pytest.param(case, id=case.id, marks=marks)


def staged_row(database: Path, table: str, columns: list[str], key: dict[str, str]) -> dict[str, Any]:
    """The one row of stg_crm__<table> with this key (key values compared after DuckDB's casts)."""
    where = " and ".join(f'"{name}" = ?' for name in key)
    select = ", ".join(f'"{name}"' for name in columns)
    rows = query(database, f"select {select} from staging.stg_crm__{table} where {where}", list(key.values()))
    assert len(rows) == 1, f"stg_crm__{table} has {len(rows)} rows with key {key}"
    return dict(zip(columns, rows[0]))


def same_value(actual: Any, expected: str | None) -> bool:
    """Numbers compare as numbers ('7887.22' == Decimal('7887.220000')), the rest as text."""
    if actual is None or expected is None:
        return actual is expected
    if isinstance(actual, (int, float, Decimal)) and not isinstance(actual, bool):
        try:
            return Decimal(str(actual)) == Decimal(expected)
        except InvalidOperation:
            return False
    return str(actual) == expected


def assert_values(database: Path, table: str, key: dict[str, str], expect: dict[str, str | None]) -> None:
    row = staged_row(database, table, list(expect), key)
    wrong = {name: (expected, row[name]) for name, expected in expect.items() if not same_value(row[name], expected)}
    assert not wrong, f"stg_crm__{table} {key}: column: (expected, got): {wrong}"


@pytest.mark.parametrize("case", [case_param(c) for c in COMBINED.rejected])
def test_row_case_is_rejected_with_its_reason(built: Built, case: corpus.RowCase) -> None:
    expected = (case.reason, case.column, case.offending_value)
    got = built.rejected.get((case.table, case.source_row))
    assert got == expected, f"{case.table} row {case.source_row}: expected {expected}, got {got}"


@pytest.mark.parametrize("case", [case_param(c) for c in COMBINED.clean])
def test_clean_case_lands_clean_with_its_values(built: Built, case: corpus.RowCase) -> None:
    assert (case.table, case.source_row) not in built.rejected, built.rejected[(case.table, case.source_row)]
    key = {name: case.row[name].strip() for name in TABLES[case.table]["meta"]["primary_key"]}
    assert_values(built.database, case.table, key, case.expect)


@pytest.mark.parametrize("case", COMBINED.file_cases, ids=[c["id"] for c in COMBINED.file_cases])
def test_file_case_lands_every_row(built: Built, case: dict[str, Any]) -> None:
    table = case["table"]
    landed = query(built.database, f"select count(*) from raw.{table}")[0][0]
    assert landed == len(COMBINED.files[table].records)
    if case.get("expect"):
        expect = {name: None if value == "null" else value for name, value in case["expect"].items()}
        assert_values(built.database, table, case["expect_key"], expect)


def test_only_the_expected_rows_are_rejected(built: Built) -> None:
    expected = {(c.table, c.source_row) for c in COMBINED.rejected} | set(INJECTED)
    unexpected = {key: built.rejected[key] for key in set(built.rejected) - expected}
    assert not unexpected, f"rejected, but no case expects it: {unexpected}"
    missing = expected - set(built.rejected)
    assert not missing, f"expected to be rejected, but clean: {sorted(missing)}"
    injected = {key: (reason, built.rejected[key][:2]) for key, reason in INJECTED.items()
                if built.rejected[key][:2] != reason}
    assert not injected, f"the sample's own bad rows changed reason: {injected}"


def test_every_raw_row_landed_and_is_clean_or_rejected(built: Built) -> None:
    counts = query(built.database, " union all ".join(
        f"select '{table}', (select count(*) from raw.{table}), (select count(*) from staging.stg_crm__{table})"
        for table in COMBINED.files))
    wrong = {}
    for table, raw, clean in counts:
        written = len(COMBINED.files[table].records)
        rejected = sum(1 for t, _ in built.rejected if t == table)
        if not raw == written == clean + rejected:
            wrong[table] = {"written": written, "raw": raw, "clean": clean, "rejected": rejected}
    assert not wrong, wrong


@pytest.mark.parametrize("case", CASES["stop_cases"], ids=[c["id"] for c in CASES["stop_cases"]])
def test_stop_case_exits_2_with_one_line_naming_the_problem(tmp_path: Path, case: dict[str, Any]) -> None:
    data_dir, options = corpus.write_stop_case(case, tmp_path)
    database = tmp_path / "never.duckdb"
    result = run_pipeline("build", "--data-dir", str(data_dir), "--database", str(database), "--quiet",
                          "--no-unit-tests", *options,
                          timeout=120)
    assert result.returncode == 2, f"exit {result.returncode}:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    missing = [fragment for fragment in case["message"] if fragment not in lines[0]]
    assert not missing, f"{missing} not in: {lines[0]}"
    if case.get("found_by") != "landing":
        assert not database.exists(), "dbt ran: the problem must be caught before the build starts"


def test_corpus_covers_every_rule_and_foreign_key() -> None:
    reasons = {c.reason for c in COMBINED.rejected if not c.gap}
    assert reasons == set(corpus.REASONS), f"no case for: {set(corpus.REASONS) - reasons}"
    orphans = {(c.table, c.column) for c in COMBINED.rejected if c.reason == "orphan_foreign_key" and not c.gap}
    foreign_keys = {(table, column) for table, column, _ in corpus.foreign_keys()}
    assert foreign_keys <= orphans, f"no orphan case for: {foreign_keys - orphans}"
    touched = {c.table for c in COMBINED.rejected + COMBINED.clean} | {c["table"] for c in COMBINED.file_cases}
    assert touched == set(TABLES), f"no case for table: {set(TABLES) - touched}"
    ids = [c.id for c in COMBINED.rejected + COMBINED.clean] + [c["id"] for c in CASES["file_cases"] + CASES["stop_cases"]]
    assert len(ids) == len(set(ids)) >= 60


# --- issue 18: extreme values
def test_extreme_dates_leave_the_month_spine_alone(built: Built) -> None:
    """A year-9999 or year-1 date is rejected, so the default as-of date and the month
    spine stay the sample's (the corpus' clean rows keep to its dates) instead of
    growing to 120,000 months."""
    from reference import loader

    sample = loader.load(corpus.SAMPLE_DIR)
    months = query(built.database, "select month, as_of_date from intermediate.int_months order by month")
    assert {as_of for _, as_of in months} == {sample.as_of_date.date()}
    assert [month for month, _ in months] == [m.date() for m in sample.months]
