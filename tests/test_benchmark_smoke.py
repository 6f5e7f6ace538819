"""scripts/benchmark.py at a tiny scale, so the benchmark cannot rot: every contender runs
once and the JSON it writes has every section, with positive times."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PROJECT_DIR = Path(__file__).resolve().parent.parent
BENCHMARK = PROJECT_DIR / "scripts" / "benchmark.py"


def test_benchmark_smoke(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, str(BENCHMARK), "--scales", "0.3", "--repeats", "1", "--bi-repeats", "2",
         "--pandas-timeout", "120", "--pandas-memory-limit", "4GiB", "--out-dir", str(out_dir),
         "--data-root", str(tmp_path / "data"), "--work-dir", str(tmp_path / "work")],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"benchmark failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"

    results = json.loads((out_dir / "results" / "latest.json").read_text())
    assert {"machine", "versions", "settings", "started_at", "finished_at"} <= set(results["meta"])
    [entry] = results["scales"]
    assert entry["scale"] == 0.3
    assert entry["data"]["rows"]["activities"] > 0 and entry["data"]["csv_bytes"] > 0

    for contender in ("build", "floor", "pandas"):
        [run] = entry["runs"][contender]
        assert run["status"] == "ok", run
        assert run["seconds"] > 0 and run["peak_rss_bytes"] > 0
        summary = entry["summary"][contender]
        assert summary["status"] == "ok" and summary["median_seconds"] > 0
    build, floor, pandas = (entry["runs"][c][0] for c in ("build", "floor", "pandas"))

    # the build's split adds up to its wall time and has time in every dbt phase
    assert sum(build["phases"].values()) == pytest.approx(build["seconds"], rel=0.01)
    for phase in ("dbt_parse_compile", "landing", "staging", "intermediate_marts", "data_tests"):
        assert build["phases"][phase] > 0, phase
    # the floor did the same work: same tables with the same row counts, no failing test
    for phase in ("landing", "staging", "intermediate_marts", "data_tests"):
        assert floor["phases"][phase] > 0, phase
    assert floor["statements"]["intermediate_marts"] > 81
    assert all(check["same_row_counts"] for check in entry["floor_vs_build"]), entry["floor_vs_build"]
    assert floor["test_failures"] == 0
    # pandas ran every registered KPI (some may still fail while the reference is being written)
    assert pandas["stage"] == "done" and pandas["load_seconds"] > 0 and pandas["kpis_total"] > 0

    assert entry["ratios"]["build_over_floor"] > 0 and entry["ratios"]["pandas_over_build"] > 0
    bi = entry["bi"]
    assert bi["publish"]["status"] == "ok" and bi["relations"] > 0
    assert bi["queries"] == 2 * bi["relations"]
    assert 0 < bi["median_ms"] <= bi["p95_ms"] <= bi["max_ms"]

    table = (out_dir / "results" / "latest.md").read_text()
    assert "| 0.3 |" in table
    try:
        import matplotlib  # noqa: F401  (benchmark-only dependency: requirements-bench.txt)
    except ImportError:
        return
    assert (out_dir / "time_memory.png").stat().st_size > 0
