"""The MetricFlow side of the semantic-layer tests: a scratch project that runs `dbt parse`
and `mf query` against a built warehouse, and the comparisons the tests share.

`dbt parse` writes the semantic manifest into a scratch project directory (the mf CLI
reads <project>/target/semantic_manifest.json, so the shared target/ is left alone); the
`mf` CLI then queries the warehouse through the project's profiles.yml, read-only.

`mf query` runs either as the `mf` program (a process per query, about 2.8 s, most of it
importing dbt and loading the project) or, with `in_process=True`, as the same click
command invoked in this process on one CLI configuration set up once (about 20 ms a
query). The session's shared project runs in process; a project of its own (the fiscal
test) runs the `mf` program, so the suite still goes through the real command line.
dbt-duckdb keeps one DuckDB instance per process, so only one project per process may
run in process.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from conftest import PROJECT_DIR

BIN = Path(sys.executable).parent
TOLERANCE = 0.01


class MetricFlowProject:
    """A scratch dbt project dir (links to the real files) whose target/ holds the semantic manifest."""

    def __init__(self, root: Path, database: Path, in_process: bool = False) -> None:
        self.root = root
        self.in_process = in_process
        self._cli_configuration: Any = None
        # offline: no dbt tracking, and mf's check for a newer release on PyPI fails at once
        self.env = {**os.environ, "CRM_KPI_DATABASE": str(database), "CRM_KPI_ACCESS_MODE": "read_only",
                    "DBT_TARGET_PATH": str(root / "target"),
                    "DBT_LOG_PATH": str(root / "logs"), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
                    "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}
        self.env.pop("DBT_PROJECT_DIR", None)
        self.env.pop("DBT_PROFILES_DIR", None)
        root.mkdir(parents=True, exist_ok=True)
        for name in ("dbt_project.yml", "profiles.yml"):
            (root / name).symlink_to(PROJECT_DIR / name)

    def run(self, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(args), cwd=self.root, env=self.env, capture_output=True, text=True,
                              timeout=timeout)

    def dbt(self, command: str, *args: str) -> None:
        result = self.run(str(BIN / "dbt"), command, "--project-dir", str(PROJECT_DIR),
                          "--profiles-dir", str(PROJECT_DIR), "--target-path", str(self.root / "target"), *args)
        assert result.returncode == 0, f"dbt {command} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"

    def parse(self) -> None:
        self.dbt("parse")

    @contextmanager
    def _environment(self) -> Iterator[None]:
        """This project's environment in os.environ for the duration (the profile renders from it)."""
        saved = dict(os.environ)
        os.environ.clear()
        os.environ.update(self.env)
        try:
            yield
        finally:
            os.environ.clear()
            os.environ.update(saved)

    def _mf_query(self, args: list[str]) -> tuple[int, str]:
        """(exit code, output) of `mf query <args>`, as a process or in this one."""
        if not self.in_process:
            result = self.run(str(BIN / "mf"), "query", *args)
            return result.returncode, result.stdout + result.stderr
        from click.testing import CliRunner
        from dbt_metricflow.cli.cli_configuration import CLIConfiguration
        from dbt_metricflow.cli.main import query

        with self._environment():
            if self._cli_configuration is None:
                configuration = CLIConfiguration()
                configuration.setup(self.root, self.root, configure_file_logging=False)
                self._cli_configuration = configuration
            result = CliRunner().invoke(query, args, obj=self._cli_configuration)
        return result.exit_code, result.output + (repr(result.exception) if result.exception else "")

    def query(self, metrics: list[str], group_by: list[str]) -> list[dict[str, str]]:
        """`mf query ... --csv`: one dict per row, values as the CLI wrote them ('' = null); each
        group-by key comes back once (MetricFlow 0.15 repeats rows in some queries: row_grain.yml)."""
        out = self.root / "query.csv"
        out.unlink(missing_ok=True)
        code, output = self._mf_query(["--metrics", ",".join(metrics), "--group-by", ",".join(group_by),
                                       "--csv", str(out), "--quiet"])
        assert code == 0, f"mf query failed:\n{output}"
        if not out.exists():  # mf writes no file for an empty result ("Query returned an empty result set")
            return []
        with out.open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        keys = [tuple(row[name] for name in group_by) for row in rows]
        assert len(keys) == len(set(keys)), f"{metrics} by {group_by}: {len(keys)} rows for {len(set(keys))} keys"
        return rows


def as_number(cell: str | None) -> float | None:
    return None if cell in (None, "", "None", "nan") else float(cell)



def mismatches(expected: dict, actual: dict, what: str) -> list[str]:
    """Keys where the mart and MetricFlow disagree; MetricFlow may add keys, with null values only."""
    problems = []
    for key in sorted(set(expected) | set(actual), key=str):
        want, got = expected.get(key), actual.get(key)
        if want is None and got is None:
            continue
        if want is None or got is None or abs(float(want) - got) > TOLERANCE:
            problems.append(f"{what} {key}: mart {want}, metricflow {got}")
    return problems


def compare_by_hand(rows: list[dict[str, str]], metric: str, group_by: list[str], expected: dict[tuple, float],
                    absent: float | None) -> list[str]:
    """MetricFlow's values of `metric` per group-by key against the hand-computed ones; a key the
    hand computation lacks must come back as `absent` (0 for revenue, null for a rate)."""
    def key(row: dict[str, str]) -> tuple:
        return tuple(row[name][:10] if name.startswith("metric_time") else (row[name] or None) for name in group_by)

    actual = {key(row): as_number(row[metric]) for row in rows}
    problems = []
    for group in sorted(set(expected) | set(actual), key=str):
        want, got = expected.get(group, absent), actual.get(group)
        if want is None and got is None:
            continue
        if want is None or got is None or abs(want - got) > TOLERANCE:
            problems.append(f"{metric} {group}: by hand {want}, metricflow {got}")
    return problems
