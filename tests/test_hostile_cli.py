"""Hostile options and database files (issue #18): each stops with its exit code and one line.

The build's own option and --database cases are stop cases of tests/bad_inputs/cases.yml
(test_bad_inputs.py); here are the other commands, locks, races, the publish's temporary
files and the messages of a failed model or an oversized CSV field.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

import contract
import publish as publisher
import report
from conftest import PIPELINE, PROJECT_DIR, run_pipeline

EXIT_BAD_INPUT, EXIT_LOCKED = 2, 3


def one_error_line(result: subprocess.CompletedProcess[str], code: int, *fragments: str) -> str:
    """Asserts the exit code and a stderr of exactly one `error:` line holding every fragment."""
    assert result.returncode == code, f"exit {result.returncode}:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    missing = [fragment for fragment in fragments if fragment not in lines[0]]
    assert not missing, f"{missing} not in: {lines[0]}"
    return lines[0]


def small_database(path: Path) -> Path:
    con = duckdb.connect(str(path))
    con.execute("create table t as select 1 as x")
    con.close()
    return path


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Path]:
    """A DuckDB file held open for writing by another process (a build, or a writer)."""
    database = small_database(tmp_path / "held.duckdb")
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); sys.stdin.read()", str(database)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield database
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


# --- 7: dates are YYYY-MM-DD (and months YYYY-MM), nothing else date.fromisoformat takes

@pytest.mark.parametrize("value", ["2026-W01-1", "2026-W01", "20260105", "2026-001", "2026-1-05", "2026-02-30",
                                   "\uff12\uff10\uff12\uff16-01-05", " 2026-01-05"])
def test_is_iso_date_takes_only_yyyy_mm_dd(value: str) -> None:
    assert not contract.is_iso_date(value)
    assert contract.is_iso_date("2024-02-29")


@pytest.mark.parametrize("month", ["2026-W01", "2026-1", "2026-13", "202601"])
def test_kpis_month_must_be_yyyy_mm(tmp_path: Path, month: str) -> None:
    result = run_pipeline("kpis", "--database", str(tmp_path / "any.duckdb"), "--month", month)
    one_error_line(result, EXIT_BAD_INPUT, "--month", repr(month), "YYYY-MM")


# --- 8: a reporting currency that no fx rate reaches

def write_fx(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_reporting_currency_needs_a_rate_from_or_to_it(tmp_path: Path) -> None:
    # a quote and a space in the path: it is a parameter of DuckDB's read_csv, never SQL text
    folder = tmp_path / "it's here"
    folder.mkdir()
    fx = write_fx(folder / "fx_rates.csv", " RATE_DATE , From_Currency , TO_CURRENCY ,rate\n"
                                           "2026-01-01, usd ,eur,0.9\n2026-01-01,GBP,USD,1.25\n")
    assert contract.check_reporting_currency(fx, "USD") == []
    assert contract.check_reporting_currency(fx, "eur") == []  # reached through 1 / (USD -> EUR)
    [problem] = contract.check_reporting_currency(fx, "JPY")
    assert "--currency JPY" in problem and str(fx) in problem and "EUR, GBP, USD" in problem


def test_reporting_currency_check_is_skipped_without_rates(tmp_path: Path) -> None:
    assert contract.check_reporting_currency(tmp_path / "fx_rates.csv", "JPY") == []  # no file: the file check names it
    header_only = write_fx(tmp_path / "fx_rates.csv", "rate_date,from_currency,to_currency,rate\n")
    assert contract.check_reporting_currency(header_only, "JPY") == []  # nothing to convert


# --- 9 and 10: --database files that are not usable, and locks, on every command

def test_immutable_database_is_not_writable_rather_than_locked(tmp_path: Path) -> None:
    database = small_database(tmp_path / "frozen.duckdb")
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(database)]).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        if os.access(database, os.W_OK):
            pytest.skip("the immutable flag does not stop this user writing")
        result = run_pipeline("build", "--database", str(database), "--quiet", "--no-unit-tests")
    finally:
        subprocess.run(["chattr", "-i", str(database)], check=True)
    one_error_line(result, EXIT_BAD_INPUT, str(database), "not writable")


@pytest.mark.parametrize("command", ["summary", "kpis", "publish"])
def test_readers_of_a_locked_database_exit_3(held: Path, tmp_path: Path, command: str) -> None:
    extra = ["--to", str(tmp_path / "bi.duckdb")] if command == "publish" else []
    result = run_pipeline(command, "--database", str(held), *extra)
    one_error_line(result, EXIT_LOCKED, str(held), "locked by another process")
    assert not (tmp_path / "bi.duckdb").exists()


@pytest.mark.parametrize("command", ["summary", "kpis", "publish"])
@pytest.mark.parametrize(("kind", "message"), [("text", "not a DuckDB database file"), ("directory", "is a directory"),
                                               ("missing", "does not exist")])
def test_readers_of_a_database_that_is_not_one_exit_2(tmp_path: Path, command: str, kind: str, message: str) -> None:
    database = tmp_path / "warehouse.duckdb"
    if kind == "text":
        database.write_text("account_id,name\nA1,x\n")
    elif kind == "directory":
        database.mkdir()
    extra = ["--to", str(tmp_path / "bi.duckdb")] if command == "publish" else []
    result = run_pipeline(command, "--database", str(database), *extra)
    one_error_line(result, EXIT_BAD_INPUT, str(database), message)


def test_publish_to_a_bi_file_that_is_not_duckdb_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "notes.duckdb"
    target.write_text("my notes, not a BI file\n")
    result = run_pipeline("publish", "--database", str(small_database(tmp_path / "w.duckdb")), "--to", str(target))
    one_error_line(result, EXIT_BAD_INPUT, str(target), "not a DuckDB database file")
    assert target.read_text() == "my notes, not a BI file\n"


def test_lock_taken_between_the_check_and_dbts_open_exits_3(held: Path) -> None:
    """The build's check passes (patched out here), then dbt's own open meets the lock."""
    script = ("import sys; sys.argv[0] = sys.argv.pop(1); sys.path.insert(0, sys.argv[0].rsplit('/', 1)[0]); "
              "import pipeline; pipeline.check_database = lambda *a, **k: None; pipeline.app()")
    result = subprocess.run([sys.executable, "-c", script, str(PIPELINE), "build", "--database", str(held),
                             "--quiet", "--no-unit-tests"], capture_output=True, text=True, cwd=PROJECT_DIR,
                            timeout=300)
    one_error_line(result, EXIT_LOCKED, str(held), "locked by another process", "Conflicting lock")


@pytest.mark.slow
def test_two_builds_into_one_database_one_wins_the_other_exits_3(tmp_path: Path) -> None:
    database = tmp_path / "crm_kpi.duckdb"
    command = [sys.executable, str(PIPELINE), "build", "--database", str(database), "--quiet", "--no-unit-tests"]
    builds = [subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    results = [subprocess.CompletedProcess(b.args, b.wait(timeout=600), *b.communicate()) for b in builds]
    results.sort(key=lambda r: r.returncode)
    assert [r.returncode for r in results] == [0, EXIT_LOCKED], [r.stderr for r in results]
    one_error_line(results[1], EXIT_LOCKED, str(database), "locked by another process")


# --- 10 and 11: publishing beside the warehouse's name, and the temporary files of a killed publish

def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.mark.slow
def test_publish_to_a_bi_file_named_like_the_warehouse_and_stale_temporaries_removed(
        sample_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "bi" / sample_db.name  # crm_kpi.duckdb, as the warehouse, in another directory
    target.parent.mkdir()
    stale = publisher.temporary_path(target, dead_pid())
    stale_wal = Path(f"{stale}.wal")
    live = publisher.temporary_path(target, os.getpid())  # a publish still running: left alone
    for path in (stale, stale_wal, live):
        path.write_bytes(b"\0" * 1024)
    result = run_pipeline("publish", "--database", str(sample_db), "--to", str(target))
    assert result.returncode == 0, result.stderr
    con = duckdb.connect(str(target), read_only=True)
    try:
        assert con.execute("select count(*) from marts.kpi_catalog").fetchone()[0] == 81
    finally:
        con.close()
    assert not stale.exists() and not stale_wal.exists()
    assert live.exists()


def test_stale_temporaries_of_other_targets_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "bi.duckdb"
    pid = dead_pid()
    mine, other = publisher.temporary_path(target, pid), publisher.temporary_path(tmp_path / "bi2.duckdb", pid)
    lookalike = tmp_path / f".bi.duckdb.{pid}.tmpx"
    for path in (mine, other, lookalike):
        path.write_bytes(b"")
    assert publisher.remove_stale_temporaries(target) == [mine]
    assert other.exists() and lookalike.exists()


# --- 12: the cause of a failure, named

def test_a_failed_model_keeps_the_database_error() -> None:
    # dbt's message for a model that ran out of memory (CRM_KPI_MEMORY_LIMIT=30MB on the sample)
    message = ("Runtime Error in model base_crm__activities (models/staging/crm/base/base_crm__activities.sql)\n"
               "  Out of Memory Error: failed to pin block of size 256.0 KiB (28.8 MiB/28.6 MiB used)\n  \n"
               "  Possible solutions:\n  * Reducing the number of threads (SET threads=X)\n")
    line = report._first_line(message)
    assert line.startswith("Runtime Error in model base_crm__activities")
    assert line.endswith("Out of Memory Error: failed to pin block of size 256.0 KiB (28.8 MiB/28.6 MiB used)")
    assert report._first_line("Got 3 results, configured to fail if != 0") == "Got 3 results, configured to fail if != 0"


def test_a_field_over_duckdbs_limit_is_not_blamed_on_quoting(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    big = "y" * (3 * 1024 * 1024)
    path.write_text(f'id,note\n1,short\n2,"{big}"\n3,"a ""quoted"" note"\n', encoding="utf-8")
    problem = contract.find_csv_problem(path)
    assert problem is not None and problem.startswith("line 3 is ")
    assert "over DuckDB's limit of 2,000,000 bytes" in problem and "column 'note'" in problem
    assert "quote" not in problem
    with duckdb.connect() as con:  # and DuckDB does refuse it, as the landing would
        assert contract.check_rows(path, con) == f"{problem}"
    # a real open quote is still reported as one
    path.write_text('id,note\n1,short\n2,"never closed\n3,x\n', encoding="utf-8")
    assert "quoted value is not closed" in (contract.find_csv_problem(path) or "")

