"""scripts/benchmark.py at a tiny scale, so the benchmark cannot rot: every contender runs
once and the JSON it writes has every section, with positive times."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import contract
import pytest

pytestmark = pytest.mark.slow

PROJECT_DIR = Path(__file__).resolve().parent.parent
BENCHMARK = PROJECT_DIR / "scripts" / "benchmark.py"
CHECK_RESULTS = PROJECT_DIR / "scripts" / "bench" / "check_results.py"


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

    for contender in ("build", "floor", "csv_read", "pandas"):
        [run] = entry["runs"][contender]
        assert run["status"] == "ok", run
        assert run["seconds"] > 0 and run["peak_rss_bytes"] > 0
        summary = entry["summary"][contender]
        assert summary["status"] == "ok" and summary["median_seconds"] > 0
    build, floor, csv_read, pandas = (entry["runs"][c][0] for c in ("build", "floor", "csv_read", "pandas"))

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
    # the csv_read floor read every contract file once as text, then typed it, and found the landing's rows
    tables = len(contract.contract_tables())
    assert csv_read["tables"] == tables and csv_read["statements"] == {"read_text": tables, "typed": tables}
    assert csv_read["phases"]["read_text"] > 0 and csv_read["phases"]["typed"] > 0
    assert sum(csv_read["phases"].values()) == pytest.approx(csv_read["seconds"], rel=0.01)
    assert csv_read["typed_rows_match"] and csv_read["rows"]["activities"] > 0
    [landing_check] = entry["csv_read_vs_landing"]
    assert landing_check["same_row_counts"] and landing_check["tables_compared"] == tables, landing_check
    assert csv_read["seconds"] < build["seconds"]  # reading the files once is a lower bound of the build
    # pandas ran every registered KPI (some may still fail while the reference is being written)
    assert pandas["stage"] == "done" and pandas["load_seconds"] > 0 and pandas["kpis_total"] > 0

    assert entry["ratios"]["build_over_floor"] > 0 and entry["ratios"]["pandas_over_build"] > 0
    assert entry["ratios"]["build_over_csv_read"] > 1
    bi = entry["bi"]
    assert bi["publish"]["status"] == "ok" and bi["relations"] > 0
    assert bi["queries"] == 2 * bi["relations"]
    assert 0 < bi["median_ms"] <= bi["p95_ms"] <= bi["max_ms"]

    table = (out_dir / "results" / "latest.md").read_text()
    assert "| 0.3 |" in table
    cells = dict(zip(table_row(table, "| scale | activities |"), table_row(table, "| 0.3 |")))
    assert cells["build / csv_read"] == f"{entry['ratios']['build_over_csv_read']:.2f}x", cells
    assert cells["build / floor"].endswith("x") and float(cells["csv_read s"]) > 0, cells
    assert cells["csv_read peak RSS"].endswith(("KiB", "MiB", "GiB")), cells
    # the checks make bench-smoke runs after the script
    checked = subprocess.run([sys.executable, str(CHECK_RESULTS), str(out_dir / "results" / "latest.json")],
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    try:
        import matplotlib  # noqa: F401  (benchmark-only dependency: requirements-bench.txt)
    except ImportError:
        return
    assert (out_dir / "time_memory.png").stat().st_size > 0


def table_row(table: str, start: str) -> list[str]:
    """The cells of the first line of the markdown `table` starting with `start`."""
    line = next(line for line in table.splitlines() if line.startswith(start))
    return [cell.strip() for cell in line.strip("|").split("|")]
