"""The machine, the versions and the settings a run is measured under."""
from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any, Optional

from bench.names import PROFILES, PROJECT_DIR


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


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


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


def effective_duckdb_threads(args: argparse.Namespace) -> str:
    """DuckDB's threads in the build: --threads for the whole run, else every core for the
    landing and then cores // dbt threads each (macros/landing/engine_settings.sql)."""
    if args.threads is not None:
        return str(args.threads)
    cores = os.cpu_count() or 1
    dbt_threads = effective_threads(args)
    share = max(1, cores // int(dbt_threads)) if dbt_threads.isdigit() and int(dbt_threads) > 0 else "?"
    return f"{cores} in the landing, then {share} per dbt thread"


def default_pandas_memory() -> str:
    total = memory_total()
    return f"{int(total * 0.7 / 1024 ** 3)}GiB" if total else "8GiB"


def child_env(args: argparse.Namespace, run_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # each run has its own target folder (its run_results.json), and all share dbt's parse
    # state, as a user's builds do (pipeline.py keeps it): only the first build parses it all
    env.update({"DBT_TARGET_PATH": str(run_dir / "target"), "DBT_LOG_PATH": str(run_dir / "logs"),
                "CRM_KPI_PARSE_STATE_DIR": str(Path(args.work_dir).resolve() / "parse_state"),
                "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"})
    if args.dbt_threads is not None:
        env["CRM_KPI_THREADS"] = str(args.dbt_threads)
    if args.threads is not None:
        env["CRM_KPI_DUCKDB_THREADS"] = str(args.threads)
    if args.memory_limit is not None:
        env["CRM_KPI_MEMORY_LIMIT"] = args.memory_limit
    return env
