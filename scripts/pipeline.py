"""crm-kpi orchestrator: generate data, build the warehouse with dbt, summarise it.

    python scripts/pipeline.py build [--data-dir DIR] [--database FILE]
                                     [--as-of-date YYYY-MM-DD] [--currency USD] [--target duckdb|spark]
    python scripts/pipeline.py generate --out DIR [--scale N] [--seed N]
    python scripts/pipeline.py summary [--database FILE]
    python scripts/pipeline.py publish [--database FILE] [--to FILE]
    python scripts/pipeline.py kpis [--month YYYY-MM] [--kpi ID ...] [--database FILE] [--json|--csv]
    python scripts/pipeline.py diff BASE.duckdb NEW.duckdb [--kpi ID ...] [--tolerance 0.01] [--json|--markdown]

Exit codes: 0 ok, 1 a dbt model or test failed, 2 bad input (missing file or
column, unreadable CSV, bad option, a database path that is a directory, not DuckDB
or not writable), 3 the database file is locked by another process,
4 (diff) KPI values or the catalog changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import chdir, contextmanager
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contract  # noqa: E402
import guards  # noqa: E402
import kpis as kpi_reader  # noqa: E402
import publish as publisher  # noqa: E402
import report  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_DIR / "seeds" / "sample"
DEFAULT_DATABASE = PROJECT_DIR / "build" / "crm_kpi.duckdb"
DEFAULT_BI_FILE = PROJECT_DIR / "build" / "crm_kpi_bi.duckdb"
DEFAULT_SPARK_DIR = PROJECT_DIR / "build" / "spark"
TARGETS = ("duckdb", "spark")
SOURCES = ("contract", "salesforce", "hubspot")

EXIT_OK, EXIT_DBT_FAILED, EXIT_BAD_INPUT, EXIT_LOCKED = 0, 1, 2, 3

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
console = Console(stderr=True)


def fail(code: int, message: str) -> None:
    # escape: the message may quote a file's header or values; soft_wrap: one line, never folded inside a path
    console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def dbt_vars(currency: str, source: str) -> dict[str, str]:
    """dbt's --vars. The data directory is not one: dbt renders var values as templates,
    so the path goes in the environment (CRM_KPI_DATA_DIR) and reaches SQL as a quoted literal.
    Nor is the as-of date (CRM_KPI_AS_OF_DATE): dbt parses the whole project again when
    the vars change, and only the files that read it when an environment variable does."""
    return {"reporting_currency": currency.upper(), "crm_source": source}


def run_dbt(args: list[str], database: Path, quiet: bool, target: str = "duckdb") -> tuple[bool, list[str]]:
    """Runs dbt in-process against `database` (or Spark); returns (success, failure lines)."""
    from dbt.cli.main import dbtRunner

    # dbt re-parses the whole project when the profile changes, and the profile holds the
    # file's path: dbt runs from the file's directory with the bare file name, so every
    # build into a <name>.duckdb keeps dbt's partial parse state (4 s instead of 12 s)
    os.environ["CRM_KPI_DATABASE"] = database.name if target == "duckdb" else str(database)
    workdir = database.parent if target == "duckdb" else Path.cwd()
    if target == "spark":  # the warehouse and metastore of local Spark, unless the user chose one
        os.environ.setdefault("CRM_KPI_SPARK_DIR", str(DEFAULT_SPARK_DIR))
        # pyspark warns about pandas 3 at import; the project hands Spark no pandas objects
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
        args = [*args, "--target", "spark"]
    progress = report.NodeProgress(console, enabled=not quiet)
    runner = dbtRunner(callbacks=[progress.on_event])
    cli_args = [*args, "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR),
                "--log-level", "none" if quiet else "warn"]
    try:
        with progress, chdir(workdir), kept_parse_state(args, database, target):
            result = runner.invoke(cli_args)
    finally:
        if target == "duckdb":
            close_dbt_connections()
    if result.exception is not None:
        return False, [str(result.exception)]
    return bool(result.success), progress.failures


def dbt_target_dir() -> Path:
    """dbt's target folder: $DBT_TARGET_PATH (relative to the project) or the project's target/."""
    return PROJECT_DIR / os.environ.get("DBT_TARGET_PATH", "target")


@contextmanager
def kept_parse_state(args: list[str], database: Path, target: str) -> Iterator[None]:
    """One saved parse state per warehouse name, --vars and target, under
    <target>/partial_parse/. dbt keeps a single target/partial_parse.msgpack and parses the
    whole project again (about 16 s) whenever the file name (in the profile) or the vars
    change, so alternating builds into a.duckdb and b.duckdb, or of contract and
    Salesforce data, would each parse from scratch; with a state per combination each
    parses only what changed since its own last run. $CRM_KPI_PARSE_STATE_DIR, when set,
    holds the saved states instead (the benchmark shares one between its runs)."""
    variables = args[args.index("--vars") + 1] if "--vars" in args else ""
    warehouse = database.name if target == "duckdb" else str(database)
    key = hashlib.sha256("\0".join([target, warehouse, variables]).encode()).hexdigest()[:16]
    current = dbt_target_dir() / "partial_parse.msgpack"
    saved_dir = Path(os.environ.get("CRM_KPI_PARSE_STATE_DIR") or dbt_target_dir() / "partial_parse")
    saved = saved_dir / f"{key}.msgpack"
    if saved.is_file():
        copy_atomically(saved, current)
    try:
        yield
    finally:
        if current.is_file():
            copy_atomically(current, saved)


def copy_atomically(source: Path, destination: Path) -> None:
    """A copy that readers see whole or not at all (a temporary file renamed over the destination)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.with_name(f".{destination.name}.{os.getpid()}.tmp")
    shutil.copyfile(source, temporary)
    os.replace(temporary, destination)


def close_dbt_connections() -> None:
    """dbt-duckdb keeps its DuckDB instance open after an in-process run: release the file
    (through its public class methods: the environment, closed, then forgotten)."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    try:
        environment = DuckDBConnectionManager.env()
    except Exception:  # noqa: BLE001 - raised when dbt never opened the database: nothing to release
        return
    environment.close()
    DuckDBConnectionManager.close_all_connections()


def spark_installed() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("pyspark", "dbt.adapters.spark"))


def check_database(database: Path, write: bool, try_open: bool = True) -> None:
    """Stops with exit 2 (a directory, not DuckDB, not writable...) or 3 (locked) before anything runs."""
    try:
        guards.check_database(database, write, try_open)
    except guards.DatabaseProblem as problem:
        fail(problem.code, str(problem))


@contextmanager
def reading(database: Path) -> Iterator[None]:
    """DuckDB's errors on opening or reading `database` as one line: 3 for a lock taken since the check, else 2."""
    try:
        with guards.database_errors(database):
            yield
    except guards.DatabaseProblem as problem:
        fail(problem.code, str(problem))


def stop_on_input_problems(problems: list[str]) -> None:
    if problems:
        fail(EXIT_BAD_INPUT, problems[0] + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))


@app.command()
def build(
    data_dir: Path = typer.Option(DEFAULT_DATA_DIR, help="Directory of <table>.csv raw exports."),
    database: Path = typer.Option(DEFAULT_DATABASE, help="DuckDB file to build into."),
    as_of_date: Optional[str] = typer.Option(None, help="'Today' for the KPIs (default: latest event date)."),
    currency: str = typer.Option("USD", help="Reporting currency (ISO-4217)."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress or summary on the terminal."),
    as_json: bool = typer.Option(False, "--json", help="Print a machine-readable summary on stdout."),
    publish_to: Optional[Path] = typer.Option(None, "--publish-to", help="After a green build, publish the BI file here."),
    publish: bool = typer.Option(False, "--publish", help=f"After a green build, publish {DEFAULT_BI_FILE.name}."),
    unit_tests: bool = typer.Option(False, "--unit-tests/--no-unit-tests",
                                    help="Also run dbt's unit tests. They test the models' logic on fixed rows, not your "
                                         "data, so a build skips them (dbt's advice for production); `make test` runs them."),
    target: str = typer.Option("duckdb", help="profiles.yml target: duckdb, or spark (`make setup-spark`; "
                                              "tables under $CRM_KPI_SPARK_DIR, default build/spark)."),
    raw_schema: Optional[str] = typer.Option(None, help="Read the raw tables from this schema (Fivetran, Airbyte, dlt "
                                                        "...) instead of DATA_DIR's CSV files."),
    raw_database: Optional[Path] = typer.Option(None, help="The DuckDB file holding --raw-schema (attached "
                                                           "read-only); default: the warehouse itself."),
    source: str = typer.Option("contract", help="What DATA_DIR holds: contract (<table>.csv of docs/DATA_CONTRACT.md), "
                                                "salesforce or hubspot (the vendor's objects, docs/SALESFORCE.md, "
                                                "docs/HUBSPOT.md)."),
) -> None:
    """Land the raw CSV files, then `dbt build` (models and tests) into DATABASE (or Spark)."""
    data_dir, database = data_dir.resolve(), database.resolve()
    if source not in SOURCES:
        fail(EXIT_BAD_INPUT, f"--source {source!r} is not one of {', '.join(SOURCES)}")
    if target == "spark" and source != "contract":
        fail(EXIT_BAD_INPUT, "--target spark builds the contract's files only; use --source contract")
    if raw_database and not raw_schema:
        fail(EXIT_BAD_INPUT, "--raw-database needs --raw-schema: the schema of that file to read")
    if raw_database and not raw_database.is_file():
        fail(EXIT_BAD_INPUT, f"--raw-database {raw_database} {'is not a file' if raw_database.exists() else 'does not exist'}")
    if not raw_schema:
        stop_on_input_problems(contract.check_data_dir(data_dir, read_rows=False, source=source))
    if as_of_date and not contract.is_iso_date(as_of_date):
        fail(EXIT_BAD_INPUT, f"--as-of-date {as_of_date!r} is not a YYYY-MM-DD date")
    if not (len(currency) == 3 and currency.isascii() and currency.isalpha()):
        fail(EXIT_BAD_INPUT, f"--currency {currency!r} is not a 3-letter ISO-4217 code")
    if target not in TARGETS:
        fail(EXIT_BAD_INPUT, f"--target {target!r} is not one of {', '.join(TARGETS)}")
    if target == "spark" and not spark_installed():
        fail(EXIT_BAD_INPUT, "--target spark needs the Spark extra: run `make setup-spark` (dbt-spark[session], pyspark; Java 17+)")
    if target == "spark" and (publish or publish_to):
        fail(EXIT_BAD_INPUT, "--publish writes a DuckDB BI file from a DuckDB build; it does not apply to --target spark")
    if target == "duckdb":
        check_database(database, write=True)
        try:
            guards.check_warehouse_name(database)
        except guards.DatabaseProblem as problem:
            fail(problem.code, str(problem))
    if publish or publish_to:
        check_database((publish_to or DEFAULT_BI_FILE).resolve(), write=True, try_open=False)
    if source == "contract" and not raw_schema:
        stop_on_input_problems(contract.check_reporting_currency(data_dir / "fx_rates.csv", currency))
    database.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    variables = json.dumps(dbt_vars(currency, source))
    os.environ["CRM_KPI_DATA_DIR"] = str(data_dir)  # paths and names go in the environment, never in --vars
    os.environ["CRM_KPI_RAW_SCHEMA"] = raw_schema or ""
    os.environ["CRM_KPI_AS_OF_DATE"] = as_of_date or ""
    os.environ["CRM_KPI_RAW_DATABASE"] = str(raw_database.resolve()) if raw_database else ""
    skip = [] if unit_tests else ["--exclude-resource-type", "unit_test"]
    ok, failures = run_dbt(["build", "--vars", variables, *skip], database, quiet, target)
    elapsed = time.monotonic() - started
    lock = next((f for f in failures if guards.is_lock_error(f)), None) if not ok else None
    if lock:  # another build (or a writer) took the file between the check and dbt's open
        fail(EXIT_LOCKED, str(guards.locked(database, lock)))
    if not ok and not raw_schema:  # a file that is not clean CSV fails the landing: name its line
        stop_on_input_problems(contract.check_data_dir(data_dir, source=source))
    summary = report.read_summary(database) if target == "duckdb" and database.exists() else {}
    summary.update({"ok": ok, "failures": failures, "seconds": round(elapsed, 1),
                    "database": str(database), "data_dir": str(data_dir), "source": source})
    if target == "spark":
        summary.update({"target": "spark", "database": os.environ["CRM_KPI_SPARK_DIR"]})
    if as_json:
        print(json.dumps(summary, indent=2, default=str))
    elif not quiet and target == "spark":
        console.print(f"Spark build {'done' if ok else 'failed'} in {elapsed:.0f} s; tables in the metastore "
                      f"and warehouse under {summary['database']}.")
    elif not quiet:
        report.print_summary(console, summary)
    if not ok:
        bad_input = [f for f in failures if contract.is_input_error(f)]
        if bad_input:
            fail(EXIT_BAD_INPUT, contract.input_error_line(bad_input[0]))
        fail(EXIT_DBT_FAILED, "dbt build failed: " + "; ".join(failures[:5]))
    if publish or publish_to:
        publish_bi_file(database, (publish_to or DEFAULT_BI_FILE).resolve(), quiet or as_json)


def publish_bi_file(database: Path, target: Path, quiet: bool) -> None:
    check_database(database, write=False)
    check_database(target, write=True, try_open=False)
    try:
        counts = publisher.publish(database, target)
    except guards.DatabaseProblem as problem:
        fail(problem.code, str(problem))
    except publisher.PublishError as error:
        fail(EXIT_DBT_FAILED, str(error))
    if not quiet:
        console.print(f"published {len(counts)} relations to {target}")


@app.command()
def generate(
    out: Path = typer.Option(..., help="Directory to write the <table>.csv files into."),
    scale: float = typer.Option(1.0, help="1 = the committed sample; rows grow as scale**1.75."),
    seed: int = typer.Option(42, help="Random seed: the same seed gives the same files."),
) -> None:
    """Write a deterministic synthetic data set that follows the data contract."""
    import generate as generator

    out.mkdir(parents=True, exist_ok=True)
    counts = generator.generate(out, scale=scale, seed=seed)
    console.print(f"wrote {sum(counts.values()):,} rows in {len(counts)} files to {out}")


@app.command()
def summary(
    database: Path = typer.Option(DEFAULT_DATABASE, help="Built DuckDB file."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Rows landed, clean and rejected per table, and the top reject reasons."""
    check_database(database, write=False)
    with reading(database):
        data = report.read_summary(database)
    if as_json:
        print(json.dumps(data, indent=2, default=str))
    else:
        report.print_summary(console, data)


@app.command("publish")
def publish_command(
    database: Path = typer.Option(DEFAULT_DATABASE, help="Built DuckDB warehouse."),
    to: Path = typer.Option(DEFAULT_BI_FILE, help="BI file to write (atomically replaced)."),
) -> None:
    """Copy the marts, kpi_catalog, dimensions and reject counts into a read-only BI file."""
    publish_bi_file(database.resolve(), to.resolve(), quiet=False)


@app.command()
def kpis(
    month: Optional[str] = typer.Option(None, help="YYYY-MM; default: the latest month of each KPI."),
    kpi: Optional[list[str]] = typer.Option(None, help="kpi_id to show (repeatable); default: all."),
    database: Path = typer.Option(DEFAULT_DATABASE, help="Warehouse or published BI file."),
    as_json: bool = typer.Option(False, "--json", help="JSON on stdout."),
    as_csv: bool = typer.Option(False, "--csv", help="CSV on stdout."),
) -> None:
    """Print KPI headline values, found through kpi_catalog."""
    if month and not contract.is_year_month(month):
        fail(EXIT_BAD_INPUT, f"--month {month!r} is not YYYY-MM")
    check_database(database, write=False)
    try:
        with reading(database):
            rows = kpi_reader.read_kpis(database, month, kpi or [])
    except kpi_reader.UnknownKpi as error:
        fail(EXIT_BAD_INPUT, str(error))
    if as_json:
        print(json.dumps(rows, indent=2, default=str))
    elif as_csv:
        kpi_reader.write_csv(rows, sys.stdout)
    else:
        report.print_kpis(console, rows)


EXIT_KPIS_CHANGED = 4


@app.command("diff")
def diff_command(
    base: Path = typer.Argument(..., help="Base build: warehouse or published BI file."),
    new: Path = typer.Argument(..., help="New build to compare with BASE."),
    kpi: Optional[list[str]] = typer.Option(None, help="kpi_id to compare (repeatable); default: all."),
    tolerance: float = typer.Option(0.01, help="Numbers this close (absolute) count as unchanged."),
    as_json: bool = typer.Option(False, "--json", help="JSON on stdout."),
    as_markdown: bool = typer.Option(False, "--markdown", help="Markdown on stdout (a pull-request comment)."),
    base_label: Optional[str] = typer.Option(None, help="Name of BASE in the output (default: its path)."),
    new_label: Optional[str] = typer.Option(None, help="Name of NEW in the output (default: its path)."),
) -> None:
    """Compare the KPIs of two builds through their kpi_catalogs. Exit 0: no change
    beyond the tolerance; 4: values or catalog changed; 2: unreadable input."""
    import kpi_diff

    if as_json and as_markdown:
        fail(EXIT_BAD_INPUT, "--json and --markdown are exclusive")
    try:
        result = kpi_diff.diff_files(base, new, tolerance, kpi or None, base_label, new_label)
    except kpi_diff.DiffFileLocked as error:
        fail(EXIT_LOCKED, str(error))
    except kpi_diff.DiffInputError as error:
        fail(EXIT_BAD_INPUT, str(error))
    if as_json:
        print(json.dumps(kpi_diff.to_json(result), indent=2, default=str))
    elif as_markdown:
        print(kpi_diff.render_markdown(result), end="")
    else:
        print(kpi_diff.render_text(result), end="")
    raise typer.Exit(EXIT_KPIS_CHANGED if result.has_changes else EXIT_OK)


if __name__ == "__main__":
    app()
