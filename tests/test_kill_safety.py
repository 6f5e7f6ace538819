"""A build killed half-way leaves the published BI file as it was, and the next
build succeeds without manual clean-up."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PIPELINE, PROJECT_DIR, SAMPLE_DIR, build, query, run_pipeline

pytestmark = pytest.mark.slow


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sigkill_mid_build_keeps_the_bi_file_and_the_next_build_succeeds(sample_db: Path, tmp_path: Path) -> None:
    bi_file = tmp_path / "bi.duckdb"
    assert run_pipeline("publish", "--database", str(sample_db), "--to", str(bi_file)).returncode == 0
    published = digest(bi_file)
    warehouse = tmp_path / "crm_kpi.duckdb"
    process = subprocess.Popen(
        [sys.executable, str(PIPELINE), "build", "--data-dir", str(SAMPLE_DIR), "--database", str(warehouse),
         "--publish-to", str(bi_file), "--quiet", "--no-unit-tests"],
        cwd=PROJECT_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while not _has_landed(warehouse) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    assert process.poll() is None, "the build ended before it could be killed"
    time.sleep(1)  # inside the landing and staging runs, well before the publish
    assert process.poll() is None, "the build ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()

    assert digest(bi_file) == published
    assert query(bi_file, "select count(*) from marts.kpi_catalog")[0][0] == 81
    build(SAMPLE_DIR, warehouse, "--publish-to", str(bi_file))
    assert query(bi_file, "select count(*) from marts.kpi_catalog")[0][0] == 81
    assert not list(tmp_path.glob(".*.tmp*"))


def _has_landed(warehouse: Path) -> bool:
    """True once the build writes to the warehouse: DuckDB logs writes to the .wal file
    first (the database file itself may only grow at the final checkpoint)."""
    return warehouse.with_name(warehouse.name + ".wal").exists()
