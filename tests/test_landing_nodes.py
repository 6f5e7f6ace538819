"""A raw table lands in its own node (models/landing/land_crm__<table>.sql) when the run
selects that node, as a full `dbt build` does, and in on-run-start when it does not
(`dbt run -s some_model`): either way raw.<table> holds the file's records as written,
in file order, with the file's path and the record number."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT_DIR, SAMPLE_DIR, query

BIN = Path(sys.executable).parent
HEADER = "rep_id,full_name,email,role,team,manager_id,region,hire_date,termination_date\n"


def run_dbt(work: Path, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CRM_KPI_DATABASE": "crm_kpi.duckdb", "CRM_KPI_DATA_DIR": str(data_dir),
           "DBT_TARGET_PATH": str(work / "target"), "DBT_LOG_PATH": str(work / "logs"),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    result = subprocess.run(
        [str(BIN / "dbt"), *args, "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR),
         "--vars", '{"crm_source": "contract", "reporting_currency": "USD"}'],
        cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    return result


def test_a_raw_table_lands_in_its_node_or_in_on_run_start(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(SAMPLE_DIR / "opportunities.csv", data_dir)  # the one file every build needs
    reps = data_dir / "sales_reps.csv"
    # text as written: a leading zero and a padded name survive the landing
    reps.write_text(HEADER + "007,  Ada Byron ,ada@example.com,AE,T1,,EU,2024-01-02,\n"
                             "R2,Bo Chen,bo@example.com,SDR,T1,007,EU,2024-03-04,\n")
    database = tmp_path / "crm_kpi.duckdb"
    landed = "select rep_id, full_name, manager_id, _source_file, _source_row from raw.sales_reps order by _source_row"

    run_dbt(tmp_path, data_dir, "run", "--select", "land_crm__sales_reps")
    assert query(database, landed) == [("007", "  Ada Byron ", None, str(reps), 1),
                                       ("R2", "Bo Chen", "007", str(reps), 2)]
    # on-run-start records what was supplied: the two files, not the others
    supplied = query(database, "select object_name from raw.landed_objects where supplied order by 1")
    assert supplied == [("opportunities",), ("sales_reps",)]

    # a run that does not select the landing node: on-run-start lands the table
    reps.write_text(HEADER + "R9,Cy Dee,cy@example.com,AE,T2,,NA,2025-05-06,\n")
    run_dbt(tmp_path, data_dir, "run", "--select", "land_crm__quotas")
    assert query(database, landed) == [("R9", "Cy Dee", None, str(reps), 1)]
    # an optional file that is missing lands as an empty table with the contract's columns
    assert query(database, "select count(*) from raw.accounts") == [(0,)]
