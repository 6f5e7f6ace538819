"""The results as markdown tables, written to results/ and the README block."""
from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from typing import Any, Optional

from bench.names import BUILD_PHASES, CSV_READ_PHASES, FLOOR_PHASES, README_END, README_START
from bench.plotting import plot
from bench.units import format_bytes, format_seconds, log, scale_label


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
