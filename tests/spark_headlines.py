"""Reads every kpi_catalog headline from a Spark build (tests/test_spark.py runs it).

    python tests/spark_headlines.py --out headlines.json

Opens a local SparkSession with the `spark` target's settings from profiles.yml
(rendered with the same environment variables, so CRM_KPI_SPARK_DIR points at the
build's metastore and warehouse) and writes {kpi_id: [[key..., value], ...]} with
the queries of tests/test_spark.py:headline_queries.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import jinja2
import yaml

TESTS_DIR = Path(__file__).resolve().parent
PROJECT_DIR = TESTS_DIR.parent


def spark_settings() -> dict[str, str]:
    """server_side_parameters of the `spark` output of profiles.yml, rendered."""
    profile = yaml.safe_load((PROJECT_DIR / "profiles.yml").read_text())["crm_kpi"]["outputs"]["spark"]
    env = jinja2.Environment()
    env.globals["env_var"] = lambda name, default=None: os.environ.get(name, default)
    settings = {key: env.from_string(str(value)).render() for key, value in profile["server_side_parameters"].items()}
    settings["spark.sql.ansi.enabled"] = "false"  # as dbt-spark's session method sets it
    return settings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    from pyspark.sql import SparkSession

    sys.path.insert(0, str(TESTS_DIR))
    sys.path.insert(0, str(PROJECT_DIR / "scripts"))
    from test_spark import headline_queries

    builder = SparkSession.builder.enableHiveSupport()
    for key, value in spark_settings().items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    try:
        catalog = [tuple(row) for row in spark.sql(
            "select kpi_id, relation, `column`, grain from marts.kpi_catalog order by kpi_id").collect()]
        found = {kpi_id: [list(row) for row in spark.sql(sql).collect()]
                 for kpi_id, sql in headline_queries(catalog).items()}
    finally:
        spark.stop()
    args.out.write_text(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
