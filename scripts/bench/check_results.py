#!/usr/bin/env python3
"""Sanity checks of a benchmark run's results JSON (scripts/benchmark.py), for make bench-smoke.

    python scripts/bench/check_results.py build/bench/smoke/results/latest.json

Exit 0 when, at every scale, every contender (build, floor, csv_read, pandas) ran with
positive times and peak RSS, the ratios build / floor and build / csv_read are positive and
rendered in the markdown table next to the JSON (<stem>.md), and the floors' row counts
match the build's; else exit 1 with one line per problem.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

CONTENDERS = ["build", "floor", "csv_read", "pandas"]
RATIO_COLUMNS = {"build_over_floor": "build / floor", "build_over_csv_read": "build / csv_read"}


def scale_problems(entry: dict[str, Any]) -> list[str]:
    label = f"scale {entry['scale']:g}"
    problems = []
    for contender in CONTENDERS:
        runs = entry["runs"].get(contender) or []
        if not runs:
            problems.append(f"{label}: no {contender} run")
        for number, run in enumerate(runs, 1):
            if run["status"] != "ok" or run["seconds"] <= 0 or run["peak_rss_bytes"] <= 0:
                problems.append(f"{label}: {contender} run {number}: {run['status']}, {run['seconds']} s, "
                                f"{run['peak_rss_bytes']} bytes")
        if (entry["summary"].get(contender) or {}).get("median_seconds", 0) <= 0:
            problems.append(f"{label}: {contender} has no median time")
    for ratio in RATIO_COLUMNS:
        if not (entry["ratios"].get(ratio) or 0) > 0:
            problems.append(f"{label}: ratio {ratio} is {entry['ratios'].get(ratio)}")
    for check in ("floor_vs_build", "csv_read_vs_landing"):
        if not entry.get(check) or not all(c["same_row_counts"] for c in entry[check]):
            problems.append(f"{label}: {check}: row counts differ or were not compared: {entry.get(check)}")
    return problems


def table_problems(table: str) -> list[str]:
    header = next((line for line in table.splitlines() if line.startswith("| scale | activities |")), "")
    return [f"the markdown table has no column '{name}'" for name in RATIO_COLUMNS.values()
            if f"| {name} |" not in header]


def problems(results_path: Path) -> list[str]:
    results = json.loads(results_path.read_text())
    found = [p for entry in results["scales"] for p in scale_problems(entry)]
    if not results["scales"]:
        found.append("no scale was measured")
    return found + table_problems(results_path.with_suffix(".md").read_text())


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    found = problems(Path(argv[0]))
    for problem in found:
        print(problem, file=sys.stderr)
    print(f"{argv[0]}: {'FAILED, ' + str(len(found)) + ' problems' if found else 'ok'}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
