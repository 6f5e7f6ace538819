"""Medians of the repeats, percentiles, and the floor's tables checked against the build's."""
from __future__ import annotations

import math
import statistics
from typing import Any, Optional


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
