"""The MetricFlow side of the semantic-layer tests: a scratch project that runs `dbt parse`
and `mf query` against a built warehouse, and the comparisons the tests share.

`dbt parse` writes the semantic manifest into a scratch project directory (the mf CLI
reads <project>/target/semantic_manifest.json, so the shared target/ is left alone); the
`mf` CLI then queries the warehouse through the project's profiles.yml, read-only.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT_DIR

BIN = Path(sys.executable).parent
TOLERANCE = 0.01


class MetricFlowProject:
    """A scratch dbt project dir (links to the real files) whose target/ holds the semantic manifest."""

    def __init__(self, root: Path, database: Path) -> None:
        self.root = root
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

    def query(self, metrics: list[str], group_by: list[str]) -> list[dict[str, str]]:
        """`mf query ... --csv`: one dict per row, values as the CLI wrote them ('' = null); each
        group-by key comes back once (MetricFlow 0.15 repeats rows in some queries: row_grain.yml)."""
        out = self.root / "query.csv"
        result = self.run(str(BIN / "mf"), "query", "--metrics", ",".join(metrics),
                          "--group-by", ",".join(group_by), "--csv", str(out), "--quiet")
        assert result.returncode == 0 and out.exists(), f"mf query failed:\n{result.stdout}\n{result.stderr}"
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
