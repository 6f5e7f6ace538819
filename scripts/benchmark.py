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
          fresh DuckDB file and a fresh dbt target dir, dbt's parse state shared by all
          builds of the run (only the first parses everything), split with the build's
          target/run_results.json into startup + input checks, dbt parse/compile, landing
          (the on-run-start hook), seeds, staging, intermediate + marts, data tests, unit
          tests and dbt overhead (idle gaps, exit);
  floor   the same work without dbt, in ONE python process and one DuckDB connection: the
          landing statements, the seeds, every model's compiled SQL from that build's
          manifest.json in DAG order (`create or replace table|view <relation> as ...`, same
          materialisation), then every data test's compiled SQL; same memory_limit/timezone/compression;
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
import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))   # scripts/: bench is a package there

from bench.bi_latency import bi_latency
from bench.environment import default_pandas_memory
from bench.floor_worker import floor_worker
from bench.names import DEFAULT_DATA_ROOT, DEFAULT_OUT_DIR, DEFAULT_WORK_DIR
from bench.pandas_worker import pandas_worker
from bench.render import write_outputs
from bench.runner import main_bench
from bench.units import parse_bytes


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
                        help="DuckDB worker threads for build and both floors (CRM_KPI_DUCKDB_THREADS; unset, the build lands with one per core, then shares them among dbt's threads)")
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
