#!/usr/bin/env python3
"""Benchmark the pipeline from scale 1 to 100 against the raw-DuckDB floor, the CSV-read floor and the pandas reference.

    python scripts/benchmark.py [--scales 1 10 100] [--repeats 3] [--threads N] [--dbt-threads N]
                                [--memory-limit 3GB] [--unit-tests]
                                [--pandas-timeout 1800] [--pandas-memory-limit 16GB] [--out-dir benchmarks]

For each scale the data is generated once (pipeline.py generate --seed 42, cached in
build/bench/data/scale-N), then, --repeats times, each contender runs in its own child
process, timed by wall clock, its peak memory the largest RSS sum of the child and all its
descendants, sampled from /proc every 50 ms (and never below the child's own ru_maxrss):

  build   `pipeline.py build --no-unit-tests` (--unit-tests: with them; they test the models'
          logic on fixed rows, a cost that does not grow with the data) end to end into a
          fresh DuckDB file and a fresh dbt target
          dir (full parse), split with the build's target/run_results.json into startup +
          input checks, dbt parse/compile, landing (the on-run-start hook), seeds, staging,
          intermediate + marts, data tests, unit tests and dbt overhead (idle gaps, exit);
  floor   the same work without dbt, in ONE python process and one DuckDB connection: the
          landing statements, the seeds, every model's compiled SQL from that build's
          manifest.json in DAG order (`create or replace table|view <relation> as ...`, same
          materialisation), then every data test's compiled SQL; same memory_limit/timezone;
  csv_read  DuckDB reading every CSV file of the data set once, without dbt
          (scripts/bench/csv_floor.py): each contract file as text (read_csv all_varchar) into a
          table, then each contract column try_cast to its contract type into a second table;
  pandas  tests/reference: loader.load + every registry KPI, killed at --pandas-timeout
          seconds or --pandas-memory-limit RSS (the limit it hit is recorded instead).

Then once per scale: BI latency, i.e. `pipeline.py publish` of the last build and every
kpi_catalog relation queried (`select * from <relation>`) --bi-repeats times on the
published file. Writes <out-dir>/results/<timestamp>.json (+ latest.json), the markdown
tables (<timestamp>.md + latest.md, and between the markers of <out-dir>/README.md when
present) and <out-dir>/time_memory.png (needs matplotlib: requirements-bench.txt).

Needs no benchmarking tool: the standard library, duckdb, and (for the plot) matplotlib.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Optional

PROJECT_DIR = Path(__file__).resolve().parent.parent
SCRIPTS_DIR = PROJECT_DIR / "scripts"
PIPELINE = SCRIPTS_DIR / "pipeline.py"
DEFAULT_OUT_DIR = PROJECT_DIR / "benchmarks"
DEFAULT_DATA_ROOT = PROJECT_DIR / "build" / "bench" / "data"
DEFAULT_WORK_DIR = PROJECT_DIR / "build" / "bench" / "work"
PROFILES = PROJECT_DIR / "profiles.yml"
POLL_SECONDS = 0.05
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
README_START, README_END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
BUILD_PHASES = ["startup_input_checks", "dbt_parse_compile", "landing", "seeds", "staging",
                "intermediate_marts", "data_tests", "unit_tests", "dbt_overhead"]
FLOOR_PHASES = ["startup", "landing", "seeds", "staging", "intermediate_marts", "data_tests"]
CSV_FLOOR = SCRIPTS_DIR / "bench" / "csv_floor.py"
CSV_READ_PHASES = ["startup", "read_text", "typed"]
CONTENDERS = ["build", "floor", "csv_read", "pandas"]


# --------------------------------------------------------------------------------------------
# Running a child process: wall time and peak RSS of its whole process tree
# --------------------------------------------------------------------------------------------

@dataclass
class Measured:
    status: str                     # ok | failed | timeout | memory
    seconds: float
    peak_rss_bytes: int             # max over 50 ms samples of the tree's RSS sum (>= max_single)
    max_single_rss_bytes: int       # ru_maxrss of the child and its reaped descendants (one process)
    returncode: Optional[int]
    started_epoch: float
    limit: Optional[str] = None     # the limit hit (timeout / memory), else None
    stderr_tail: str = ""


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def tree_rss(root: int) -> int:
    """RSS in bytes of `root` and every descendant (/proc/<pid>/statm, resident pages)."""
    total, pending, seen = 0, [root], set()
    while pending:
        pid = pending.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            continue
        pending.extend(_children(pid))
    return total


def run_measured(cmd: list[str], env: dict[str, str], log_dir: Path, name: str,
                 timeout: Optional[float] = None, memory_limit: Optional[int] = None) -> Measured:
    """Runs `cmd` in its own session; kills the whole group at `timeout` s or `memory_limit` bytes."""
    log_dir.mkdir(parents=True, exist_ok=True)
    stdout_path, stderr_path = log_dir / f"{name}.stdout", log_dir / f"{name}.stderr"
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        started_epoch = time.time()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=PROJECT_DIR, stdout=out, stderr=err, start_new_session=True)
        peak, limit, status_word = 0, None, None
        while True:
            pid, wait_status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, tree_rss(proc.pid))
            elapsed = time.perf_counter() - started
            if limit is None and timeout is not None and elapsed > timeout:
                limit, status_word = f"timeout {timeout:g} s", "timeout"
            elif limit is None and memory_limit is not None and peak > memory_limit:
                limit, status_word = f"memory {format_bytes(memory_limit)} RSS", "memory"
            if limit is not None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)  # the group of the child we started
                except ProcessLookupError:
                    pass
                pid, wait_status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(POLL_SECONDS)
        seconds = time.perf_counter() - started
    returncode = os.waitstatus_to_exitcode(wait_status)
    proc.returncode = returncode  # reaped by wait4: keep Popen from waiting again
    single = int(usage.ru_maxrss) * 1024  # kilobytes on Linux
    status = status_word or ("ok" if returncode == 0 else "failed")
    tail = stderr_path.read_text(errors="replace")[-2000:] if status != "ok" else ""
    return Measured(status, seconds, max(peak, single), single, returncode, started_epoch, limit, tail)


# --------------------------------------------------------------------------------------------
# Contenders
# --------------------------------------------------------------------------------------------

def child_env(args: argparse.Namespace, run_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"DBT_TARGET_PATH": str(run_dir / "target"), "DBT_LOG_PATH": str(run_dir / "logs"),
                "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"})
    if args.dbt_threads is not None:
        env["CRM_KPI_THREADS"] = str(args.dbt_threads)
    if args.threads is not None:
        env["CRM_KPI_DUCKDB_THREADS"] = str(args.threads)
    if args.memory_limit is not None:
        env["CRM_KPI_MEMORY_LIMIT"] = args.memory_limit
    return env


def run_build(args: argparse.Namespace, data_dir: Path, run_dir: Path) -> dict[str, Any]:
    database = run_dir / "warehouse" / "crm_kpi.duckdb"
    cmd = [sys.executable, str(PIPELINE), "build", "--data-dir", str(data_dir), "--database", str(database), "--quiet",
           "--unit-tests" if args.unit_tests else "--no-unit-tests"]
    measured = run_measured(cmd, child_env(args, run_dir), run_dir, "build", timeout=args.build_timeout)
    result: dict[str, Any] = asdict(measured)
    result["database"] = str(database)
    if measured.status == "ok":
        run_results = json.loads((run_dir / "target" / "run_results.json").read_text())
        manifest = json.loads((run_dir / "target" / "manifest.json").read_text())
        folders = {uid: (list(node.get("fqn") or []) + ["", ""])[1] for uid, node in manifest["nodes"].items()}
        result["phases"], result["nodes"] = build_phases(run_results, measured, folders)
    return result


def _epoch(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def node_group(unique_id: str, fqn_dir: str) -> str:
    kind = unique_id.split(".")[0]
    if kind == "operation":
        return "landing"  # the on-run-start hook lands the CSV files
    if kind == "seed":
        return "seeds"
    if kind == "test":
        return "data_tests"
    if kind == "unit_test":
        return "unit_tests"
    if kind == "model":
        return "staging" if fqn_dir == "staging" else "intermediate_marts"
    return "dbt_overhead"


def build_phases(run_results: dict[str, Any], measured: Measured,
                 folders: dict[str, str]) -> tuple[dict[str, float], dict[str, int]]:
    """Splits the build's wall time; the phases add up to it.

    Before dbt: process start to invocation_started_at (imports, the pipeline's input checks).
    Parse/compile: invocation start to the first node (manifest parse, graph, adapter).
    Nodes: each node busy from its first timing start to its last timing end; a stretch of
    time where nodes of several groups run at once (dbt's threads) is shared equally among
    them. Idle stretches between nodes and the exit after the last node: dbt_overhead.
    """
    start = measured.started_epoch
    end = start + measured.seconds
    invocation = run_results["metadata"].get("invocation_started_at")
    invoked = _epoch(invocation) if invocation else start
    events: list[tuple[float, int, str]] = []
    counts: dict[str, int] = {}
    for node in run_results["results"]:
        stamps = [(_epoch(t["started_at"]), _epoch(t["completed_at"])) for t in node.get("timing", [])
                  if t.get("started_at") and t.get("completed_at")]
        if not stamps:
            continue
        group = node_group(node["unique_id"], folders.get(node["unique_id"], ""))
        counts[group] = counts.get(group, 0) + 1
        events.append((min(s for s, _ in stamps), 1, group))
        events.append((max(e for _, e in stamps), -1, group))
    phases = dict.fromkeys(BUILD_PHASES, 0.0)
    if not events:
        phases["startup_input_checks"] = max(0.0, invoked - start)
        phases["dbt_parse_compile"] = end - start - phases["startup_input_checks"]
        return phases, counts
    events.sort(key=lambda e: (e[0], -e[1]))
    first, last = events[0][0], max(e[0] for e in events)
    phases["startup_input_checks"] = max(0.0, invoked - start)
    phases["dbt_parse_compile"] = max(0.0, first - max(invoked, start))
    active: dict[str, int] = {}
    previous = first
    for stamp, delta, group in events:
        span = stamp - previous
        running = [g for g, n in active.items() if n > 0]
        if span > 0:
            if running:
                for g in running:
                    phases[g] += span / len(running)
            else:
                phases["dbt_overhead"] += span
        active[group] = active.get(group, 0) + delta
        previous = stamp
    phases["dbt_overhead"] += max(0.0, end - last)
    # clocks of two processes: keep the phases summing to the measured wall time exactly
    drift = measured.seconds - sum(phases.values())
    phases["dbt_overhead"] = max(0.0, phases["dbt_overhead"] + drift)
    return {k: round(v, 4) for k, v in phases.items()}, counts


def run_floor(args: argparse.Namespace, data_dir: Path, run_dir: Path) -> dict[str, Any]:
    manifest = run_dir / "target" / "manifest.json"
    database = run_dir / "floor" / "crm_kpi.duckdb"  # same file stem: the compiled SQL names "crm_kpi"
    report = run_dir / "floor.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "_floor", "--manifest", str(manifest),
           "--data-dir", str(data_dir), "--database", str(database), "--report", str(report),
           "--memory-limit", effective_memory_limit(args)]
    return run_floor_process(args, cmd, run_dir, "floor", database, report)


def run_floor_process(args: argparse.Namespace, cmd: list[str], run_dir: Path, label: str, database: Path,
                      report: Path) -> dict[str, Any]:
    """A floor in its own measured process, with the phases of its JSON report; startup = the rest of its wall time."""
    measured = run_measured(cmd, child_env(args, run_dir), run_dir, label, timeout=args.build_timeout)
    result: dict[str, Any] = asdict(measured)
    result["database"] = str(database)
    if measured.status == "ok":
        inner = json.loads(report.read_text())
        inner["phases"]["startup"] = round(max(0.0, measured.seconds - sum(inner["phases"].values())), 4)
        result.update(inner)
    return result


def run_csv_read(args: argparse.Namespace, data_dir: Path, run_dir: Path) -> dict[str, Any]:
    """The csv_read floor (scripts/bench/csv_floor.py) in its own process."""
    database = run_dir / "csv_read" / "csv_read.duckdb"
    report = run_dir / "csv_read.json"
    cmd = [sys.executable, str(CSV_FLOOR), "--data-dir", str(data_dir), "--database", str(database),
           "--report", str(report), "--memory-limit", effective_memory_limit(args)]
    return run_floor_process(args, cmd, run_dir, "csv_read", database, report)


def compare_csv_read(build_db: str, csv_read: dict[str, Any]) -> dict[str, Any]:
    """The csv_read text tables' row counts against the build's landing (raw.<table>)."""
    sys.path.insert(0, str(SCRIPTS_DIR))
    from bench import csv_floor

    return csv_floor.compare_landing(Path(build_db), csv_read["rows"])


def run_pandas(args: argparse.Namespace, data_dir: Path, run_dir: Path) -> dict[str, Any]:
    report = run_dir / "pandas.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "_pandas", "--data-dir", str(data_dir),
           "--report", str(report)]
    measured = run_measured(cmd, child_env(args, run_dir), run_dir, "pandas", timeout=args.pandas_timeout,
                            memory_limit=parse_bytes(args.pandas_memory_limit))
    result: dict[str, Any] = asdict(measured)
    if report.exists():
        result.update(json.loads(report.read_text()))  # partial when killed: how far it got
    return result


def run_bi(args: argparse.Namespace, database: Path, run_dir: Path) -> dict[str, Any]:
    bi_file = run_dir / "bi" / "crm_kpi_bi.duckdb"
    cmd = [sys.executable, str(PIPELINE), "publish", "--database", str(database), "--to", str(bi_file)]
    measured = run_measured(cmd, child_env(args, run_dir), run_dir, "publish", timeout=args.build_timeout)
    result: dict[str, Any] = {"publish": asdict(measured), "bi_file": str(bi_file), "bi_repeats": args.bi_repeats}
    if measured.status != "ok":
        return result
    result.update(bi_latency(bi_file, args.bi_repeats))
    return result


def bi_latency(bi_file: Path, repeats: int) -> dict[str, Any]:
    """`select * from <relation>` for every kpi_catalog relation, `repeats` times each, in one
    read-only connection, fetched two ways: into Python tuples (fetchall: the headline
    numbers) and as an Arrow table (to_arrow_table: how BI clients and dataframes read)."""
    import duckdb

    con = duckdb.connect(str(bi_file), read_only=True)
    per_relation: dict[str, dict[str, float]] = {}
    samples: list[float] = []
    arrow_samples: list[float] = []
    try:
        relations = [r[0] for r in con.execute(
            "select distinct relation from marts.kpi_catalog order by 1").fetchall()]
        for relation in relations:
            times, arrow_times, rows = [], [], 0
            for _ in range(repeats):
                started = time.perf_counter()
                rows = len(con.execute(f"select * from {relation}").fetchall())
                times.append(time.perf_counter() - started)
                started = time.perf_counter()
                con.sql(f"select * from {relation}").to_arrow_table()
                arrow_times.append(time.perf_counter() - started)
            samples.extend(times)
            arrow_samples.extend(arrow_times)
            per_relation[relation] = {"rows": rows, "median_ms": round(statistics.median(times) * 1000, 3),
                                      "p95_ms": round(percentile(times, 95) * 1000, 3),
                                      "first_ms": round(times[0] * 1000, 3),
                                      "arrow_median_ms": round(statistics.median(arrow_times) * 1000, 3)}
    finally:
        con.close()
    slowest = max(per_relation, key=lambda r: per_relation[r]["median_ms"])
    return {"relations": len(per_relation), "queries": len(samples),
            "median_ms": round(statistics.median(samples) * 1000, 3),
            "p95_ms": round(percentile(samples, 95) * 1000, 3),
            "max_ms": round(max(samples) * 1000, 3),
            "arrow_median_ms": round(statistics.median(arrow_samples) * 1000, 3),
            "arrow_p95_ms": round(percentile(arrow_samples, 95) * 1000, 3),
            "relations_over_100ms": sorted(r for r, v in per_relation.items() if v["median_ms"] > 100),
            "relations_over_100ms_arrow": sorted(r for r, v in per_relation.items() if v["arrow_median_ms"] > 100),
            "slowest_relation": slowest, "per_relation": per_relation,
            "bi_file_bytes": bi_file.stat().st_size}


# --------------------------------------------------------------------------------------------
# Worker: the floor (one process, one DuckDB connection, no dbt)
# --------------------------------------------------------------------------------------------

def landing_statements(data_dir: Path, raw_relations: dict[str, str]) -> list[tuple[str, str]]:
    """(table, SQL) of macros/landing/land_raw_tables.sql (duckdb__land_csv), from the same
    contract (macros/staging/crm_contract.sql) and the same read_csv options (contract.py)."""
    sys.path.insert(0, str(SCRIPTS_DIR))
    import contract

    statements = []
    for table, columns in contract.contract_tables().items():
        path = Path(str(data_dir).rstrip("/") + f"/{table}.csv")
        header = contract.read_header(path)
        selected = [f'"{name}" as {name}' if name.lower() in header else f"cast(null as varchar) as {name}"
                    for name, _required in columns]
        quoted = str(path).replace("'", "''")
        sql = (f"create or replace table {raw_relations[table]} as select {', '.join(selected)}, "
               f"'{quoted}' as _source_file, row_number() over () as _source_row "
               f"from {contract.read_raw_csv_sql(path)}")
        statements.append((table, sql))
    # raw.landed_objects, as the landing writes it: every contract table supplied from its file
    supplied = ", ".join(f"('crm', '{table}', true, {sql_literal(data_dir, table)})"
                         for table in contract.contract_tables())
    statements.append(("landed_objects", f"create or replace table {raw_relations['landed_objects']} as "
                                         f"select * from (values {supplied}) as t(source_name, object_name, "
                                         "supplied, location)"))
    return statements


def sql_literal(data_dir: Path, table: str) -> str:
    path = str(data_dir).rstrip("/") + f"/{table}.csv"
    return "'" + path.replace("'", "''") + "'"


def topological(nodes: dict[str, dict[str, Any]]) -> list[str]:
    """unique_ids of `nodes` so that each comes after the nodes it depends on (ties by id)."""
    import heapq

    deps = {uid: {d for d in node["depends_on"].get("nodes", []) if d in nodes} for uid, node in nodes.items()}
    users: dict[str, list[str]] = {uid: [] for uid in nodes}
    for uid, parents in deps.items():
        for parent in parents:
            users[parent].append(uid)
    waiting = {uid: len(parents) for uid, parents in deps.items()}
    ready = [uid for uid, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        uid = heapq.heappop(ready)
        order.append(uid)
        for user in users[uid]:
            waiting[user] -= 1
            if waiting[user] == 0:
                heapq.heappush(ready, user)
    if len(order) != len(nodes):
        raise RuntimeError("the manifest's models have a dependency cycle")
    return order


def floor_worker(manifest_path: Path, data_dir: Path, database: Path, report: Path, memory_limit: str) -> None:
    import duckdb

    manifest = json.loads(manifest_path.read_text())
    nodes = {uid: n for uid, n in manifest["nodes"].items() if n["resource_type"] in ("model", "seed")}
    # a vendor adapter's tests stay in `nodes`, disabled, when the build reads the contract's files
    tests = [n for n in manifest["nodes"].values() if n["resource_type"] == "test" and n["config"].get("enabled", True)]
    raw = {s["name"]: s["relation_name"] for s in manifest["sources"].values()}
    missing = [uid for uid, n in nodes.items() if n["resource_type"] == "model" and not n.get("compiled_code")]
    if missing:
        raise SystemExit(f"the manifest has no compiled SQL for {missing[:3]}: run a build first")
    if database.parent.exists():
        shutil.rmtree(database.parent)
    database.parent.mkdir(parents=True)
    phases = dict.fromkeys(FLOOR_PHASES[1:], 0.0)
    counts = dict.fromkeys(FLOOR_PHASES[1:], 0)
    con = duckdb.connect(str(database))
    con.execute("set timezone = 'UTC'")
    con.execute(f"set memory_limit = '{memory_limit}'")
    if os.environ.get("CRM_KPI_DUCKDB_THREADS"):  # as the build's on-run-start does
        con.execute(f"set threads = {int(os.environ['CRM_KPI_DUCKDB_THREADS'])}")
    schemas = {n["schema"] for n in nodes.values()} | {s["schema"] for s in manifest["sources"].values()}
    for schema in sorted(schemas):
        con.execute(f'create schema if not exists "{schema}"')

    def timed(phase: str, sql: str) -> Any:
        started = time.perf_counter()
        result = con.execute(sql).fetchall()
        phases[phase] += time.perf_counter() - started
        counts[phase] += 1
        return result

    for _table, sql in landing_statements(data_dir, raw):
        timed("landing", sql)
    for uid in topological(nodes):
        node = nodes[uid]
        if node["resource_type"] == "seed":
            path = PROJECT_DIR / node["original_file_path"]
            types = node["config"].get("column_types") or {}
            options = f", columns = {{{', '.join(f'{k!r}: {v!r}' for k, v in types.items())}}}" if types else ""
            timed("seeds", f"create or replace table {node['relation_name']} as select * from "
                           f"read_csv('{path}', header = true, delim = ','{options})")
            continue
        kind = node["config"].get("materialized", "view")
        if kind not in ("table", "view"):
            raise SystemExit(f"{uid}: materialisation {kind!r} is not supported by the floor")
        phase = "staging" if node["fqn"][1:2] == ["staging"] else "intermediate_marts"
        timed(phase, f"create or replace {kind} {node['relation_name']} as (\n{node['compiled_code']}\n)")
    failures = 0
    for test in sorted(tests, key=lambda t: t["unique_id"]):
        fail_calc = test["config"].get("fail_calc") or "count(*)"
        failures += int(timed("data_tests", f"select {fail_calc} from (\n{test['compiled_code']}\n) t")[0][0] or 0)
    threads, limit = con.execute("select current_setting('threads'), current_setting('memory_limit')").fetchone()
    settings = {"duckdb_threads": threads, "duckdb_memory_limit": limit}
    con.close()
    report.write_text(json.dumps({"phases": {k: round(v, 4) for k, v in phases.items()},
                                  "statements": counts, "test_failures": failures, **settings}))


# --------------------------------------------------------------------------------------------
# Worker: the pandas reference
# --------------------------------------------------------------------------------------------

def pandas_worker(data_dir: Path, report: Path) -> None:
    state: dict[str, Any] = {"stage": "import"}

    def save() -> None:
        report.write_text(json.dumps(state))

    save()
    started = time.perf_counter()
    sys.path.insert(0, str(PROJECT_DIR))
    from tests.reference import loader, registry

    state.update({"import_seconds": round(time.perf_counter() - started, 4), "stage": "load",
                  "kpis_total": len(registry.KPIS)})
    save()
    started = time.perf_counter()
    clean = loader.load(data_dir)
    state.update({"load_seconds": round(time.perf_counter() - started, 4), "stage": "kpis",
                  "kpis_ok": 0, "kpis_failed": {}, "kpi_seconds": {}})
    save()
    for kpi_id, function in registry.KPIS.items():
        started = time.perf_counter()
        try:
            function(clean)
            state["kpis_ok"] += 1
        except Exception as error:  # noqa: BLE001 - the reference is a moving target: record and go on
            first_line = (str(error).splitlines() or [""])[0][:200]
            state["kpis_failed"][kpi_id] = f"{type(error).__name__}: {first_line}"
        state["kpi_seconds"][kpi_id] = round(time.perf_counter() - started, 4)
        save()
    state["kpis_seconds"] = round(sum(state["kpi_seconds"].values()), 4)
    state["stage"] = "done"
    save()


# --------------------------------------------------------------------------------------------
# Data, checks, summaries
# --------------------------------------------------------------------------------------------

def scale_label(scale: float) -> str:
    return f"{scale:g}"


def ensure_data(args: argparse.Namespace, scale: float, log_dir: Path) -> dict[str, Any]:
    """Generates scale-N once; reused while the scale, seed and generate.py are the same."""
    data_dir = Path(args.data_root).resolve() / f"scale-{scale_label(scale)}"
    marker = data_dir / ".benchmark-generated.json"
    stamp = {"scale": scale, "seed": args.seed,
             "generator_sha256": hashlib.sha256((SCRIPTS_DIR / "generate.py").read_bytes()).hexdigest()}
    info: dict[str, Any] = {"data_dir": str(data_dir), "cached": True}
    if not (marker.exists() and json.loads(marker.read_text()).get("stamp") == stamp):
        if data_dir.exists():
            shutil.rmtree(data_dir)
        cmd = [sys.executable, str(PIPELINE), "generate", "--out", str(data_dir), "--scale", str(scale),
               "--seed", str(args.seed)]
        log(f"scale {scale_label(scale)}: generating {data_dir}")
        measured = run_measured(cmd, dict(os.environ), log_dir, f"generate-{scale_label(scale)}")
        if measured.status != "ok":
            raise SystemExit(f"generate --scale {scale} failed: {measured.stderr_tail}")
        marker.write_text(json.dumps({"stamp": stamp, "seconds": round(measured.seconds, 2),
                                      "peak_rss_bytes": measured.peak_rss_bytes}))
        info["cached"] = False
    recorded = json.loads(marker.read_text())
    csvs = sorted(p for p in data_dir.glob("*.csv") if not p.name.startswith("_"))
    info.update({"generate_seconds": recorded["seconds"], "csv_bytes": sum(p.stat().st_size for p in csvs),
                 "rows": {p.stem: count_lines(p) - 1 for p in csvs}})
    return info


def count_lines(path: Path) -> int:
    lines = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            lines += block.count(b"\n")
    return lines


def compare_floor(build_db: str, floor_db: str) -> dict[str, Any]:
    """Row counts of every table (raw, staging base tables, intermediate) in both files."""
    import duckdb

    def counts(path: str) -> dict[str, int]:
        con = duckdb.connect(path, read_only=True)
        try:
            tables = con.execute("select table_schema, table_name from information_schema.tables "
                                 "where table_type = 'BASE TABLE'").fetchall()
            return {f"{s}.{t}": con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in tables}
        finally:
            con.close()

    built, floor = counts(build_db), counts(floor_db)
    mismatches = {name: [built.get(name), floor.get(name)] for name in sorted(set(built) | set(floor))
                  if built.get(name) != floor.get(name)}
    return {"tables_compared": len(built), "same_row_counts": not mismatches, "mismatches": mismatches}


def percentile(values: list[float], pct: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarise(runs: list[dict[str, Any]], phase_names: Optional[list[str]] = None) -> dict[str, Any]:
    ok = [r for r in runs if r["status"] == "ok"]
    summary: dict[str, Any] = {"runs": len(runs), "ok_runs": len(ok)}
    limited = [r for r in runs if r["status"] in ("timeout", "memory")]
    if limited:
        summary.update({"status": limited[0]["status"], "limit": limited[0]["limit"]})
    elif len(ok) < len(runs):
        summary["status"] = "failed"
    else:
        summary["status"] = "ok"
    if summary["status"] == "ok" and ok:
        summary["median_seconds"] = round(statistics.median(r["seconds"] for r in ok), 3)
        summary["min_seconds"] = round(min(r["seconds"] for r in ok), 3)
        summary["max_seconds"] = round(max(r["seconds"] for r in ok), 3)
        summary["median_peak_rss_bytes"] = int(statistics.median(r["peak_rss_bytes"] for r in ok))
        if phase_names:
            summary["median_phases"] = {p: round(statistics.median(r.get("phases", {}).get(p, 0.0) for r in ok), 3)
                                        for p in phase_names}
    elif runs:
        summary["peak_rss_bytes_at_limit"] = max(r["peak_rss_bytes"] for r in runs)
    return summary


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in ("duckdb", "dbt-core", "dbt-duckdb", "pandas", "numpy", "matplotlib"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


def memory_total() -> Optional[int]:
    try:
        found = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
    except OSError:
        return None
    return int(found.group(1)) * 1024 if found else None


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {"cores": os.cpu_count(), "platform": platform.platform(),
                            "memory_bytes": memory_total(), "cpu": platform.processor()}
    try:
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        info["cpu"] = cpu.group(1).strip() if cpu else info["cpu"]
    except OSError:
        pass
    return info


def git_commit() -> Optional[str]:
    try:  # read-only
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT_DIR, capture_output=True, text=True,
                              timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def effective_memory_limit(args: argparse.Namespace) -> str:
    if args.memory_limit:
        return str(args.memory_limit)
    if os.environ.get("CRM_KPI_MEMORY_LIMIT"):
        return os.environ["CRM_KPI_MEMORY_LIMIT"]
    found = re.search(r"CRM_KPI_MEMORY_LIMIT',\s*'([^']+)'", PROFILES.read_text())
    return found.group(1) if found else "3GB"


def effective_threads(args: argparse.Namespace) -> str:
    if args.dbt_threads is not None:
        return str(args.dbt_threads)
    if os.environ.get("CRM_KPI_THREADS"):
        return os.environ["CRM_KPI_THREADS"]
    found = re.search(r"CRM_KPI_THREADS',\s*'([^']+)'", PROFILES.read_text())
    return found.group(1) if found else "?"


def parse_bytes(text: str) -> int:
    match = re.fullmatch(r"\s*([0-9.]+)\s*([KMGT]?)(i?B)?\s*", text, re.IGNORECASE)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 16GB or 512MiB")
    power = "KMGT".find(match.group(2).upper()) + 1 if match.group(2) else 0
    return int(float(match.group(1)) * 1024 ** power)


def format_bytes(value: Optional[float]) -> str:
    if value is None:
        return "-"
    for unit, size in (("GiB", 1024 ** 3), ("MiB", 1024 ** 2)):
        if value >= size:
            return f"{value / size:.2f} {unit}" if unit == "GiB" else f"{value / size:.0f} {unit}"
    return f"{value / 1024:.0f} KiB"


def format_seconds(value: Optional[float]) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def log(message: str) -> None:
    print(f"[{datetime.now().strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


# --------------------------------------------------------------------------------------------
# One scale, the whole run
# --------------------------------------------------------------------------------------------

def bench_scale(args: argparse.Namespace, scale: float) -> dict[str, Any]:
    label = scale_label(scale)
    scale_dir = Path(args.work_dir).resolve() / f"scale-{label}"
    if scale_dir.exists():
        shutil.rmtree(scale_dir)
    scale_dir.mkdir(parents=True)
    data = ensure_data(args, scale, scale_dir)
    data_dir = Path(data["data_dir"])
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in CONTENDERS}
    checks: list[dict[str, Any]] = []
    csv_checks: list[dict[str, Any]] = []
    pandas_stopped: Optional[str] = None
    for repeat in range(args.repeats):
        run_dir = scale_dir / f"repeat-{repeat + 1}"
        log(f"scale {label} repeat {repeat + 1}/{args.repeats}: build")
        build = run_build(args, data_dir, run_dir)
        runs["build"].append(build)
        if build["status"] != "ok":
            log(f"  build {build['status']}: {build['stderr_tail'][-500:]}")
            raise SystemExit(f"the build failed at scale {label}; see {run_dir}/build.stderr")
        log(f"  build {build['seconds']:.1f} s, {format_bytes(build['peak_rss_bytes'])}; floor")
        floor = run_floor(args, data_dir, run_dir)
        runs["floor"].append(floor)
        if floor["status"] != "ok":
            raise SystemExit(f"the floor failed at scale {label}: {floor['stderr_tail'][-1000:]}")
        checks.append(compare_floor(build["database"], floor["database"]))
        log(f"  floor {floor['seconds']:.1f} s, {format_bytes(floor['peak_rss_bytes'])}; csv_read")
        csv_read = run_csv_read(args, data_dir, run_dir)
        runs["csv_read"].append(csv_read)
        if csv_read["status"] != "ok":
            raise SystemExit(f"the csv_read floor failed at scale {label}: {csv_read['stderr_tail'][-1000:]}")
        csv_checks.append(compare_csv_read(build["database"], csv_read))
        log(f"  csv_read {csv_read['seconds']:.1f} s, {format_bytes(csv_read['peak_rss_bytes'])}; pandas")
        if pandas_stopped is None:
            pandas = run_pandas(args, data_dir, run_dir)
            runs["pandas"].append(pandas)
            if pandas["status"] in ("timeout", "memory"):
                pandas_stopped = pandas["limit"]  # it would hit it again: skip the other repeats
            log(f"  pandas {pandas['status']} {pandas['seconds']:.1f} s, {format_bytes(pandas['peak_rss_bytes'])}")
        if not args.keep_work:
            shutil.rmtree(Path(floor["database"]).parent, ignore_errors=True)
            shutil.rmtree(Path(csv_read["database"]).parent, ignore_errors=True)
            if repeat + 1 < args.repeats:
                shutil.rmtree(Path(build["database"]).parent, ignore_errors=True)
    log(f"scale {label}: publish + BI queries")
    bi = run_bi(args, Path(runs["build"][-1]["database"]), scale_dir / f"repeat-{args.repeats}")
    summary = {"build": summarise(runs["build"], BUILD_PHASES), "floor": summarise(runs["floor"], FLOOR_PHASES),
               "csv_read": summarise(runs["csv_read"], CSV_READ_PHASES), "pandas": summarise(runs["pandas"])}
    if pandas_stopped:
        summary["pandas"]["skipped_repeats"] = args.repeats - len(runs["pandas"])
    ratios: dict[str, Optional[float]] = {"build_over_floor": None, "build_over_csv_read": None,
                                          "pandas_over_build": None}
    b, f, c, p = (summary[name].get("median_seconds") for name in CONTENDERS)
    if b and f:
        ratios["build_over_floor"] = round(b / f, 3)
    if b and c:
        ratios["build_over_csv_read"] = round(b / c, 3)
    if b and p:
        ratios["pandas_over_build"] = round(p / b, 3)
    elif b and summary["pandas"].get("status") in ("timeout", "memory"):  # a lower bound: it was stopped
        ratios["pandas_over_build_at_least"] = round(max(r["seconds"] for r in runs["pandas"]) / b, 3)
    if not args.keep_work:
        shutil.rmtree(Path(runs["build"][-1]["database"]).parent, ignore_errors=True)
    return {"scale": scale, "data": data, "runs": runs, "summary": summary, "ratios": ratios,
            "floor_vs_build": checks, "csv_read_vs_landing": csv_checks, "bi": bi}


def main_bench(args: argparse.Namespace) -> dict[str, Any]:
    started = datetime.now(timezone.utc)
    results: dict[str, Any] = {
        "meta": {"started_at": started.isoformat(timespec="seconds"), "machine": machine(), "versions": versions(),
                 "git_commit": git_commit(), "load_average_start": load_average(),
                 "settings": {"dbt_threads": effective_threads(args), "memory_limit": effective_memory_limit(args),
                              "duckdb_threads": args.threads or os.cpu_count(), "unit_tests": args.unit_tests,
                              "repeats": args.repeats, "seed": args.seed, "pandas_timeout_s": args.pandas_timeout,
                              "pandas_memory_limit": args.pandas_memory_limit, "bi_repeats": args.bi_repeats,
                              "poll_ms": POLL_SECONDS * 1000}},
        "scales": []}
    for scale in args.scales:
        results["scales"].append(bench_scale(args, scale))
    finished = datetime.now(timezone.utc)
    results["meta"].update({"finished_at": finished.isoformat(timespec="seconds"),
                            "total_seconds": round((finished - started).total_seconds(), 1),
                            "load_average_end": load_average()})
    return results


# --------------------------------------------------------------------------------------------
# Reports: markdown, plot
# --------------------------------------------------------------------------------------------

def contender_cell(summary: dict[str, Any]) -> str:
    if summary.get("status") == "ok":
        return format_seconds(summary.get("median_seconds"))
    if summary.get("limit"):
        return f"> {summary['limit']}"
    return summary.get("status", "-")


def markdown(results: dict[str, Any]) -> str:
    meta = results["meta"]
    v, m, s = meta["versions"], meta["machine"], meta["settings"]
    lines = [
        f"Run {meta['started_at']} on {m.get('cores')} cores, {format_bytes(m.get('memory_bytes'))} RAM "
        f"({m.get('cpu', '?')}); load average at start {meta.get('load_average_start')}, "
        f"at end {meta.get('load_average_end')}. Python {v['python']}, DuckDB {v['duckdb']}, "
        f"dbt-core {v['dbt-core']}, dbt-duckdb {v['dbt-duckdb']}, pandas {v['pandas']}; commit "
        f"{(meta.get('git_commit') or '?')[:12]}. dbt threads {s['dbt_threads']}, DuckDB threads "
        f"{s.get('duckdb_threads', '?')}, memory_limit {s['memory_limit']}; build "
        f"{'with' if s.get('unit_tests') else 'without'} dbt unit tests; medians of {s['repeats']} repeats; pandas limits {s['pandas_timeout_s']:g} s / "
        f"{s['pandas_memory_limit']}.",
        "",
        "| scale | activities | CSV | build s | floor s | csv_read s | pandas s | build / floor | build / csv_read "
        "| pandas / build | build peak RSS | floor peak RSS | csv_read peak RSS | pandas peak RSS | BI median ms "
        "| BI p95 ms | BI relations, median > 100 ms |",
        "|---:|" + "---:|" * 16,
    ]
    for entry in results["scales"]:
        sm, data, bi, ratios = entry["summary"], entry["data"], entry["bi"], entry["ratios"]
        csv_read = sm.get("csv_read", {})  # absent from runs before the csv_read floor
        pandas_rss = sm["pandas"].get("median_peak_rss_bytes") or sm["pandas"].get("peak_rss_bytes_at_limit")
        lines.append(
            f"| {scale_label(entry['scale'])} | {data['rows'].get('activities', 0):,} "
            f"| {format_bytes(data['csv_bytes'])} "
            f"| {contender_cell(sm['build'])} | {contender_cell(sm['floor'])} | {contender_cell(csv_read)} "
            f"| {contender_cell(sm['pandas'])} "
            f"| {_ratio(ratios['build_over_floor'])} | {_ratio(ratios.get('build_over_csv_read'))} "
            f"| {_pandas_ratio(ratios)} "
            f"| {format_bytes(sm['build'].get('median_peak_rss_bytes'))} "
            f"| {format_bytes(sm['floor'].get('median_peak_rss_bytes'))} "
            f"| {format_bytes(csv_read.get('median_peak_rss_bytes'))} | {format_bytes(pandas_rss)} "
            f"| {bi.get('median_ms', '-')} | {bi.get('p95_ms', '-')} "
            f"| {sum(v['median_ms'] > 100 for v in bi.get('per_relation', {}).values())} of {bi.get('relations', '-')} |")
    lines += ["", "Build split (median of each phase, seconds; in every run the phases add up to its wall time):", "",
              "| scale | " + " | ".join(BUILD_PHASES) + " |", "|---:|" + "---:|" * len(BUILD_PHASES)]
    for entry in results["scales"]:
        phases = entry["summary"]["build"].get("median_phases", {})
        lines.append(_phase_row(entry["scale"], phases, BUILD_PHASES) + " |")
    lines += ["", "Floor split (median seconds) and checks:", "",
              "| scale | " + " | ".join(FLOOR_PHASES) + " | same row counts as the build | data test failures "
              "| pandas KPIs ok | publish s | BI relations |",
              "|---:|" + "---:|" * (len(FLOOR_PHASES) + 5)]
    for entry in results["scales"]:
        phases = entry["summary"]["floor"].get("median_phases", {})
        same = all(c["same_row_counts"] for c in entry["floor_vs_build"])
        failures = {r.get("test_failures") for r in entry["runs"]["floor"]}
        pandas_runs = entry["runs"]["pandas"]
        kpis = f"{pandas_runs[-1].get('kpis_ok', 0)}/{pandas_runs[-1].get('kpis_total', '?')}" if pandas_runs else "-"
        publish = entry["bi"]["publish"]
        lines.append(_phase_row(entry["scale"], phases, FLOOR_PHASES)
                     + f" | {'yes' if same else 'NO'} | {', '.join(str(f) for f in sorted(failures, key=str))} | {kpis} "
                     f"| {format_seconds(publish['seconds'])} | {entry['bi'].get('relations', '-')} |")
    lines += ["", "csv_read split (median seconds) and checks:", "",
              "| scale | " + " | ".join(CSV_READ_PHASES) + " | tables | same row counts as the build's landing |",
              "|---:|" + "---:|" * (len(CSV_READ_PHASES) + 2)]
    for entry in results["scales"]:
        phases = entry["summary"].get("csv_read", {}).get("median_phases", {})
        csv_runs = entry["runs"].get("csv_read", [])
        checks = entry.get("csv_read_vs_landing", [])
        same = ("yes" if all(c["same_row_counts"] for c in checks) else "NO") if checks else "-"
        lines.append(_phase_row(entry["scale"], phases, CSV_READ_PHASES)
                     + f" | {csv_runs[-1].get('tables', '-') if csv_runs else '-'} | {same} |")
    return "\n".join(lines) + "\n"


def _phase_row(scale: float, phases: dict[str, float], names: list[str]) -> str:
    return f"| {scale_label(scale)} | " + " | ".join(format_seconds(phases.get(name)) for name in names)


def _ratio(value: Optional[float]) -> str:
    return f"{value:.2f}x" if value is not None else "-"


def _pandas_ratio(ratios: dict[str, Optional[float]]) -> str:
    at_least = ratios.get("pandas_over_build_at_least")
    return f"> {at_least:.2f}x" if at_least else _ratio(ratios["pandas_over_build"])


def plot(results: dict[str, Any], path: Path) -> Optional[str]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import matplotlib.ticker
    except ImportError:
        log("matplotlib is not installed (pip install -r requirements-bench.txt): no plot")
        return None
    fig, (ax_time, ax_mem) = plt.subplots(1, 2, figsize=(11, 4.2))
    styles = {"build": ("pipeline build (dbt)", "tab:blue", "o"), "floor": ("raw DuckDB floor", "tab:green", "s"),
              "csv_read": ("CSV read floor", "tab:gray", "D"), "pandas": ("pandas reference", "tab:red", "^")}
    for contender, (label, color, marker) in styles.items():
        xs, times, mems, limit_xs, limit_times, limit_mems = [], [], [], [], [], []
        for entry in results["scales"]:
            summary = entry["summary"].get(contender, {})
            if summary.get("status") == "ok":
                xs.append(entry["scale"])
                times.append(summary["median_seconds"])
                mems.append(summary["median_peak_rss_bytes"] / 1024 ** 3)
            elif summary.get("limit"):
                runs = entry["runs"][contender]
                limit_xs.append(entry["scale"])
                limit_times.append(max(r["seconds"] for r in runs))
                limit_mems.append(summary.get("peak_rss_bytes_at_limit", 0) / 1024 ** 3)
        ax_time.plot(xs, times, marker=marker, color=color, label=label)
        ax_mem.plot(xs, mems, marker=marker, color=color, label=label)
        if limit_xs:
            ax_time.scatter(limit_xs, limit_times, marker="x", s=80, color=color, label=f"{label}: limit hit")
            ax_mem.scatter(limit_xs, limit_mems, marker="x", s=80, color=color)
    scales = [e["scale"] for e in results["scales"]]
    for ax, title, unit in ((ax_time, "Wall time (median)", "seconds"),
                            (ax_mem, "Peak RSS of the process tree", "GiB")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xticks(scales, [scale_label(s) for s in scales])
        ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
        ax.yaxis.set_major_locator(matplotlib.ticker.LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda value, _pos: f"{value:g}"))
        ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        ax.set_xlabel("scale (rows grow as scale^1.75)")
        ax.set_ylabel(unit)
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
    ax_time.legend(fontsize=8)
    meta = results["meta"]
    fig.suptitle(f"crm-kpi benchmark, {meta['machine'].get('cores')} cores, {meta['started_at'][:10]}", fontsize=10)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return str(path)


def write_outputs(args: argparse.Namespace, results: dict[str, Any]) -> None:
    out_dir = Path(args.out_dir).resolve()
    results_dir = out_dir / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.fromisoformat(results["meta"]["started_at"]).strftime("%Y%m%dT%H%M%SZ")
    png = None if args.no_plot else plot(results, out_dir / "time_memory.png")
    results["meta"]["plot"] = png
    table = markdown(results)
    payload = json.dumps(results, indent=1, default=str)
    for name in (f"{stamp}.json", "latest.json"):
        (results_dir / name).write_text(payload)
    for name in (f"{stamp}.md", "latest.md"):
        (results_dir / name).write_text(table)
    readme = out_dir / "README.md"
    if readme.exists():
        text = readme.read_text()
        if README_START in text and README_END in text:
            head, rest = text.split(README_START, 1)
            _, tail = rest.split(README_END, 1)
            readme.write_text(f"{head}{README_START}\n{table}{README_END}{tail}")
    print(table)
    log(f"results: {results_dir / (stamp + '.json')}" + (f", plot: {png}" if png else ""))


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------

def default_pandas_memory() -> str:
    total = memory_total()
    return f"{int(total * 0.7 / 1024 ** 3)}GiB" if total else "8GiB"


def parse_args(argv: Optional[Iterable[str]] = None) -> argparse.Namespace:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "_bi":  # BI latency alone, on an existing published file
        worker = argparse.ArgumentParser(prog="benchmark.py _bi")
        worker.add_argument("--bi-file", type=Path, required=True)
        worker.add_argument("--report", type=Path, required=True)
        worker.add_argument("--bi-repeats", type=int, default=5)
        namespace = worker.parse_args(argv[1:])
        namespace.worker = "_bi"
        return namespace
    if argv and argv[0] in ("_floor", "_pandas"):
        worker = argparse.ArgumentParser(prog=f"benchmark.py {argv[0]}")
        worker.add_argument("--data-dir", type=Path, required=True)
        worker.add_argument("--report", type=Path, required=True)
        if argv[0] == "_floor":
            worker.add_argument("--manifest", type=Path, required=True)
            worker.add_argument("--database", type=Path, required=True)
            worker.add_argument("--memory-limit", required=True)
        namespace = worker.parse_args(argv[1:])
        namespace.worker = argv[0]
        return namespace
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0, 100.0])
    parser.add_argument("--repeats", type=int, default=3, help="runs of build, floor, csv_read and pandas per scale")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int,
                        help="DuckDB worker threads for build and both floors (CRM_KPI_DUCKDB_THREADS; default one per core)")
    parser.add_argument("--dbt-threads", type=int, help="dbt threads (CRM_KPI_THREADS; profile default 2)")
    parser.add_argument("--unit-tests", action="store_true",
                        help="run dbt's unit tests in the build too (a fixed cost that does not read the data)")
    parser.add_argument("--memory-limit", help="DuckDB memory_limit for build and both floors (CRM_KPI_MEMORY_LIMIT)")
    parser.add_argument("--pandas-timeout", type=float, default=1800.0, help="seconds (default 1800)")
    parser.add_argument("--pandas-memory-limit", default=default_pandas_memory(),
                        help="RSS of the pandas process that stops it (default 70%% of RAM)")
    parser.add_argument("--build-timeout", type=float, default=4 * 3600.0, help="seconds for build/floor/csv_read/publish")
    parser.add_argument("--bi-repeats", type=int, default=5, help="executions of each kpi_catalog query")
    parser.add_argument("--out-dir", default=str(DEFAULT_OUT_DIR), help="results/, time_memory.png, README.md")
    parser.add_argument("--data-root", default=str(DEFAULT_DATA_ROOT), help="cache of generated data: scale-N/")
    parser.add_argument("--work-dir", default=str(DEFAULT_WORK_DIR), help="warehouses, targets, logs")
    parser.add_argument("--keep-work", action="store_true", help="keep every warehouse and floor file")
    parser.add_argument("--no-plot", action="store_true")
    args = parser.parse_args(argv)
    if args.repeats < 1 or args.bi_repeats < 1 or any(s <= 0 for s in args.scales):
        parser.error("--repeats, --bi-repeats and --scales must be positive")
    try:
        parse_bytes(args.pandas_memory_limit)
    except argparse.ArgumentTypeError as error:
        parser.error(str(error))
    args.worker = None
    return args


def main(argv: Optional[Iterable[str]] = None) -> int:
    args = parse_args(argv)
    if args.worker == "_bi":
        args.report.write_text(json.dumps({"bi_file": str(args.bi_file), "bi_repeats": args.bi_repeats,
                                           "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                                           **bi_latency(args.bi_file, args.bi_repeats)}, indent=1))
        return 0
    if args.worker == "_floor":
        floor_worker(args.manifest, args.data_dir, args.database, args.report, args.memory_limit)
        return 0
    if args.worker == "_pandas":
        pandas_worker(args.data_dir, args.report)
        return 0
    results = main_bench(args)
    write_outputs(args, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
