"""The project's generic data test not_null_and_unique (tests/dbt/generic/) fails on the
rows it should: a copy of the sample warehouse gets one null and one duplicated key in
intermediate.int_opportunity_stage_stays, and `dbt test` on that model reports exactly
those two broken rules."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from conftest import PROJECT_DIR

BIN = Path(sys.executable).parent


def test_not_null_and_unique_reports_each_broken_rule(sample_db: Path, tmp_path: Path) -> None:
    database = tmp_path / "crm_kpi.duckdb"  # the catalog name is the file's stem: keep the sample's
    shutil.copy(sample_db, database)
    con = duckdb.connect(str(database))
    try:
        stays = "intermediate.int_opportunity_stage_stays"
        before = con.execute(f"select count(*) from {stays}").fetchone()[0]
        # one row duplicated (its key opportunity_id, entered_at twice) and one other row's opportunity_id null
        con.execute(f"insert into {stays} select * from {stays} order by opportunity_id, entered_at limit 1")
        con.execute(f"""update {stays} set opportunity_id = null where (opportunity_id, entered_at) = (
            select (opportunity_id, entered_at) from {stays} order by opportunity_id desc, entered_at desc limit 1)""")
        assert con.execute(f"select count(*) from {stays} where opportunity_id is null").fetchone()[0] == 1
        assert con.execute(f"select count(*) from {stays}").fetchone()[0] == before + 1
    finally:
        con.close()
    env = {**os.environ, "CRM_KPI_DATABASE": database.name, "DBT_TARGET_PATH": str(tmp_path / "target"),
           "DBT_LOG_PATH": str(tmp_path / "logs"), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    result = subprocess.run(
        [str(BIN / "dbt"), "test", "--select", "int_opportunity_stage_stays,test_name:not_null_and_unique",
         "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR),
         "--vars", '{"crm_source": "contract", "reporting_currency": "USD"}'],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout[-3000:]
    assert "Got 2 results, configured to fail if != 0" in result.stdout, result.stdout[-3000:]
    [compiled] = glob.glob(str(tmp_path / "target" / "compiled" / "**" / "not_null_and_unique_*.sql"), recursive=True)
    con = duckdb.connect(str(database), read_only=True)
    try:
        broken = con.execute(Path(compiled).read_text() + " order by rule_name").fetchall()
    finally:
        con.close()
    assert broken == [("not_null", "opportunity_id", 1), ("unique", "opportunity_id, entered_at", 1)]
