"""The pipeline CLI on the sample and on broken inputs: exit codes and messages."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import SAMPLE_DIR, build, query, run_pipeline

pytestmark = pytest.mark.slow


def copy_sample(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(SAMPLE_DIR, data_dir)
    return data_dir


def test_sample_builds_and_every_raw_row_is_clean_or_rejected(sample_db: Path) -> None:
    result = run_pipeline("summary", "--database", str(sample_db), "--json")
    assert result.returncode == 0, result.stderr
    tables = json.loads(result.stdout)["tables"]
    assert len(tables) == 28
    for row in tables:
        assert row["landed"] == row["clean"] + row["rejected"], row
    assert sum(row["rejected"] for row in tables) > 0


def test_every_injected_bad_row_of_the_sample_is_rejected_with_its_reason(sample_db: Path) -> None:
    with (SAMPLE_DIR / "_injected_rejects.csv").open(newline="") as handle:
        injected = {(r["table_name"], int(r["source_row"])): r["reason"] for r in csv.DictReader(handle)}
    assert len(injected) >= 10
    rejected = {(t, row): reason for t, row, reason in
                query(sample_db, "select table_name, source_row, reason from staging.rejected_rows")}
    wrong = {key: (reason, rejected.get(key)) for key, reason in injected.items() if rejected.get(key) != reason}
    assert not wrong, f"(table, row): (expected reason, got): {wrong}"
    # nothing else is rejected: the sample's good rows are all clean
    assert set(rejected) == set(injected)


def test_missing_required_file_stops_with_exit_2_naming_it(tmp_path: Path) -> None:
    data_dir = copy_sample(tmp_path)
    (data_dir / "opportunities.csv").unlink()
    result = run_pipeline("build", "--data-dir", str(data_dir), "--database", str(tmp_path / "x.duckdb"))
    assert result.returncode == 2
    assert "opportunities.csv" in result.stderr and "missing file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_warehouse_file_name_with_a_quote_is_refused(tmp_path: Path) -> None:
    result = run_pipeline("build", "--database", str(tmp_path / "crm's kpi.duckdb"), "--quiet")
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "crm's kpi.duckdb" in lines[0] and "letters, digits" in lines[0], lines
    assert not (tmp_path / "crm's kpi.duckdb").exists()


def test_vendor_export_without_its_required_object_stops_with_exit_2(tmp_path: Path) -> None:
    (tmp_path / "Account.csv").write_text("Id,Name\n001A,Acme\n")
    result = run_pipeline("build", "--source", "salesforce", "--data-dir", str(tmp_path),
                          "--database", str(tmp_path / "x.duckdb"), "--quiet")
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "salesforce object 'opportunity'" in lines[0] and str(tmp_path) in lines[0], lines


@pytest.mark.slow
def test_missing_optional_file_lands_empty_and_its_children_follow_the_contract(tmp_path: Path) -> None:
    """orders.csv missing: the build is green; an order line cannot stand without its order (its currency
    is the order's: parent_required), so every line is rejected: the sample's 3 lines rejected by an
    earlier rule (_injected_rejects.csv rows 311, 387, 461) keep their reason, the others are orphans."""
    data_dir = copy_sample(tmp_path)
    (data_dir / "orders.csv").unlink()
    with (data_dir / "order_lines.csv").open(newline="") as handle:
        lines = len(list(csv.reader(handle))) - 1
    database = tmp_path / "crm_kpi.duckdb"
    build(data_dir, database)
    assert query(database, "select supplied, location from raw.landed_objects where object_name = 'orders'") == [
        (False, None)]
    assert query(database, "select count(*) from raw.orders") == [(0,)]
    reasons = dict(query(database, "select reason, count(*) from staging.rejected_rows "
                                   "where table_name = 'order_lines' group by 1"))
    assert reasons == {"orphan_foreign_key": lines - 3, "unparsable_number": 1, "duplicate_key": 1,
                       "out_of_range": 1}


def test_missing_column_stops_with_exit_2_naming_file_and_column(tmp_path: Path) -> None:
    data_dir = copy_sample(tmp_path)
    path = data_dir / "leads.csv"
    with path.open(newline="") as handle:
        rows = list(csv.reader(handle))
    drop = rows[0].index("created_at")
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([r[:drop] + r[drop + 1:] for r in rows])
    result = run_pipeline("build", "--data-dir", str(data_dir), "--database", str(tmp_path / "x.duckdb"))
    assert result.returncode == 2
    assert "leads.csv" in result.stderr and "'created_at'" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_as_of_date_is_bad_input(tmp_path: Path) -> None:
    result = run_pipeline("build", "--database", str(tmp_path / "x.duckdb"), "--as-of-date", "2025-13-01")
    assert result.returncode == 2
    assert "2025-13-01" in result.stderr


@pytest.mark.parametrize(("options", "message"), [
    (["--target", "oracle"], "--target 'oracle' is not one of duckdb, spark"),
    (["--target", "spark", "--publish"], "does not apply to --target spark"),
])
def test_bad_target_options_are_bad_input(tmp_path: Path, options: list[str], message: str) -> None:
    result = run_pipeline("build", "--database", str(tmp_path / "x.duckdb"), *options)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert not (tmp_path / "x.duckdb").exists()


def test_locked_database_exits_3(tmp_path: Path) -> None:
    database = tmp_path / "locked.duckdb"
    holder = duckdb.connect(str(database))
    try:
        result = run_pipeline("build", "--database", str(database))
    finally:
        holder.close()
    assert result.returncode == 3
    assert str(database) in result.stderr


def test_generated_data_builds(tmp_path: Path) -> None:
    data_dir = tmp_path / "generated"
    result = run_pipeline("generate", "--out", str(data_dir), "--scale", "1", "--seed", "7")
    assert result.returncode == 0, result.stderr
    build(data_dir, tmp_path / "crm_kpi.duckdb")
    rows = query(tmp_path / "crm_kpi.duckdb", "select count(*) from staging.stg_crm__orders")
    assert rows[0][0] > 0


def test_each_warehouse_name_and_vars_keeps_its_own_parse_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """dbt keeps one target/partial_parse.msgpack; the pipeline saves it per warehouse name and
    --vars and puts the matching one back before dbt runs (a stand-in for dbt writes the file)."""
    import pipeline

    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "target"))
    monkeypatch.delenv("CRM_KPI_PARSE_STATE_DIR", raising=False)  # set for pytest's workers (conftest.py)
    current = tmp_path / "target" / "partial_parse.msgpack"
    current.parent.mkdir()

    def run(name: str, variables: str, writes: str | None) -> str | None:
        with pipeline.kept_parse_state(["build", "--vars", variables], tmp_path / name, "duckdb"):
            found = current.read_text() if current.is_file() else None
            if writes is not None:
                current.write_text(writes)
        return found

    assert run("a.duckdb", "{}", "state of a") is None  # first run: nothing saved, dbt parses everything
    assert run("b.duckdb", "{}", "state of b") == "state of a"  # no state of b yet: dbt finds a's and re-parses
    assert run("a.duckdb", "{}", None) == "state of a"  # a's own state is back
    assert run("b.duckdb", "{}", None) == "state of b"
    assert run("a.duckdb", '{"crm_source": "salesforce"}', "a, salesforce") == "state of b"  # other vars: no state
    assert run("a.duckdb", "{}", None) == "state of a"
    assert run("a.duckdb", '{"crm_source": "salesforce"}', None) == "a, salesforce"
    assert len(list((tmp_path / "target" / "partial_parse").glob("*.msgpack"))) == 3


def test_the_parse_states_can_live_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """$CRM_KPI_PARSE_STATE_DIR holds the saved states (the benchmark shares one between runs
    that each have their own target folder)."""
    import pipeline

    shared = tmp_path / "shared"
    monkeypatch.setenv("CRM_KPI_PARSE_STATE_DIR", str(shared))
    for run, writes in (("run-1", "state"), ("run-2", None)):
        monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / run / "target"))
        current = tmp_path / run / "target" / "partial_parse.msgpack"
        current.parent.mkdir(parents=True)
        with pipeline.kept_parse_state(["build", "--vars", "{}"], tmp_path / "crm_kpi.duckdb", "duckdb"):
            if writes:
                current.write_text(writes)
            else:
                assert current.read_text() == "state"  # run-2's own target folder got run-1's state
    assert len(list(shared.glob("*.msgpack"))) == 1
    assert not (tmp_path / "run-1" / "target" / "partial_parse").exists()
