"""One scale's repeats of every contender, and the whole run."""
from __future__ import annotations

import argparse
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

from bench.contenders import compare_csv_read, run_bi, run_build, run_csv_read, run_floor, run_pandas
from bench.environment import effective_duckdb_threads, effective_memory_limit, effective_threads, git_commit, load_average, machine, versions
from bench.measure import POLL_SECONDS
from bench.names import BUILD_PHASES, CONTENDERS, CSV_READ_PHASES, FLOOR_PHASES
from bench.scale_data import ensure_data
from bench.summaries import compare_floor, summarise
from bench.units import format_bytes, log, scale_label


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
                              "duckdb_threads": effective_duckdb_threads(args), "unit_tests": args.unit_tests,
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
