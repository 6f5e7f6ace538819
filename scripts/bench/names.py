"""The files the benchmark reads and writes, and the names of its contenders and phases."""
from __future__ import annotations

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCRIPTS_DIR = PROJECT_DIR / "scripts"
PIPELINE = SCRIPTS_DIR / "pipeline.py"
BENCHMARK = SCRIPTS_DIR / "benchmark.py"        # the command line; its _floor/_pandas/_bi workers
GENERATOR_FILES = [SCRIPTS_DIR / "generate.py", SCRIPTS_DIR / "datagen"]    # what the data cache depends on
DEFAULT_OUT_DIR = PROJECT_DIR / "benchmarks"
DEFAULT_DATA_ROOT = PROJECT_DIR / "build" / "bench" / "data"
DEFAULT_WORK_DIR = PROJECT_DIR / "build" / "bench" / "work"
PROFILES = PROJECT_DIR / "profiles.yml"
README_START, README_END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
BUILD_PHASES = ["startup_input_checks", "dbt_parse_compile", "landing", "seeds", "staging",
                "intermediate_marts", "data_tests", "unit_tests", "dbt_overhead"]
FLOOR_PHASES = ["startup", "landing", "seeds", "staging", "intermediate_marts", "data_tests"]
CSV_FLOOR = SCRIPTS_DIR / "bench" / "csv_floor.py"
CSV_READ_PHASES = ["startup", "read_text", "typed"]
CONTENDERS = ["build", "floor", "csv_read", "pandas"]
