"""BI latency: every kpi_catalog relation queried on the published file."""
from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from bench.summaries import percentile


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
