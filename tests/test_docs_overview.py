"""models/overview.md (the dbt docs front page listing every KPI) is generated
from kpi_catalog by `make docs`; it must not go stale when a KPI's YAML changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT_DIR

pytestmark = pytest.mark.slow


def test_committed_overview_matches_the_catalog(sample_db: Path) -> None:
    generated = subprocess.run([sys.executable, str(PROJECT_DIR / "dashboard" / "catalog_markdown.py"),
                                str(sample_db)], capture_output=True, text=True, check=True).stdout
    committed = (PROJECT_DIR / "models" / "overview.md").read_text()
    assert generated == committed, "models/overview.md is stale: run `make docs` and commit it"
