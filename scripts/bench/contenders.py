"""The contenders, each run as a measured child process: build, floor, csv_read, pandas, publish."""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.bi_latency import bi_latency
from bench.build_split import build_phases
from bench.environment import child_env, effective_memory_limit
from bench.measure import run_measured
from bench.names import BENCHMARK, CSV_FLOOR, PIPELINE, SCRIPTS_DIR
from bench.units import parse_bytes


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


def run_floor(args: argparse.Namespace, data_dir: Path, run_dir: Path) -> dict[str, Any]:
    manifest = run_dir / "target" / "manifest.json"
    database = run_dir / "floor" / "crm_kpi.duckdb"  # same file stem: the compiled SQL names "crm_kpi"
    report = run_dir / "floor.json"
    cmd = [sys.executable, str(BENCHMARK), "_floor", "--manifest", str(manifest),
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
    cmd = [sys.executable, str(BENCHMARK), "_pandas", "--data-dir", str(data_dir),
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
