"""The floor worker: the build's work in one process and one DuckDB connection, without dbt."""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from bench.names import FLOOR_PHASES, PROJECT_DIR, SCRIPTS_DIR


def landing_statements(data_dir: Path, raw_relations: dict[str, str]) -> list[tuple[str, str]]:
    """(table, SQL) of macros/landing/land_raw_tables.sql (duckdb__land_csv), from the same
    contract (macros/staging/crm_contract.sql) and the same read_csv options (contract.py)."""
    sys.path.insert(0, str(SCRIPTS_DIR))
    import contract

    statements = []
    for table, columns in contract.contract_tables().items():
        path = Path(str(data_dir).rstrip("/") + f"/{table}.csv")
        header = contract.read_header(path)
        selected = [f'"{name}" as {name}' if name.lower() in header else f"cast(null as varchar) as {name}"
                    for name, _required in columns]
        quoted = str(path).replace("'", "''")
        sql = (f"set preserve_insertion_order = true; "
               f"create or replace table {raw_relations[table]} as select {', '.join(selected)}, "
               f"'{quoted}' as _source_file, cast(null as bigint) as _source_row "
               f"from {contract.read_raw_csv_sql(path)}; "
               f"update {raw_relations[table]} set _source_row = rowid + 1")
        statements.append((table, sql))
    # raw.landed_objects, as the landing writes it: every contract table supplied from its file
    supplied = ", ".join(f"('crm', '{table}', true, {sql_literal(data_dir, table)})"
                         for table in contract.contract_tables())
    statements.append(("landed_objects", f"create or replace table {raw_relations['landed_objects']} as "
                                         f"select * from (values {supplied}) as t(source_name, object_name, "
                                         "supplied, location)"))
    return statements


def sql_literal(data_dir: Path, table: str) -> str:
    path = str(data_dir).rstrip("/") + f"/{table}.csv"
    return "'" + path.replace("'", "''") + "'"


def topological(nodes: dict[str, dict[str, Any]]) -> list[str]:
    """unique_ids of `nodes` so that each comes after the nodes it depends on (ties by id)."""
    import heapq

    deps = {uid: {d for d in node["depends_on"].get("nodes", []) if d in nodes} for uid, node in nodes.items()}
    users: dict[str, list[str]] = {uid: [] for uid in nodes}
    for uid, parents in deps.items():
        for parent in parents:
            users[parent].append(uid)
    waiting = {uid: len(parents) for uid, parents in deps.items()}
    ready = [uid for uid, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        uid = heapq.heappop(ready)
        order.append(uid)
        for user in users[uid]:
            waiting[user] -= 1
            if waiting[user] == 0:
                heapq.heappush(ready, user)
    if len(order) != len(nodes):
        raise RuntimeError("the manifest's models have a dependency cycle")
    return order


def floor_worker(manifest_path: Path, data_dir: Path, database: Path, report: Path, memory_limit: str) -> None:
    import duckdb

    manifest = json.loads(manifest_path.read_text())
    # the landing nodes (models/landing, materialization landed_table) are landing_statements below
    nodes = {uid: n for uid, n in manifest["nodes"].items() if n["resource_type"] in ("model", "seed")
             and n["config"].get("materialized") != "landed_table"}
    # a vendor adapter's tests stay in `nodes`, disabled, when the build reads the contract's files
    tests = [n for n in manifest["nodes"].values() if n["resource_type"] == "test" and n["config"].get("enabled", True)]
    raw = {s["name"]: s["relation_name"] for s in manifest["sources"].values()}
    missing = [uid for uid, n in nodes.items() if n["resource_type"] == "model" and not n.get("compiled_code")]
    if missing:
        raise SystemExit(f"the manifest has no compiled SQL for {missing[:3]}: run a build first")
    if database.parent.exists():
        shutil.rmtree(database.parent)
    database.parent.mkdir(parents=True)
    phases = dict.fromkeys(FLOOR_PHASES[1:], 0.0)
    counts = dict.fromkeys(FLOOR_PHASES[1:], 0)
    con = duckdb.connect(str(database))
    con.execute("set timezone = 'UTC'")
    con.execute(f"set memory_limit = '{memory_limit}'")
    con.execute("set force_compression = 'dict_fsst'")  # profiles.yml's settings
    if os.environ.get("CRM_KPI_DUCKDB_THREADS"):  # as the build's on-run-start does
        con.execute(f"set threads = {int(os.environ['CRM_KPI_DUCKDB_THREADS'])}")
    schemas = {n["schema"] for n in nodes.values()} | {s["schema"] for s in manifest["sources"].values()}
    for schema in sorted(schemas):
        con.execute(f'create schema if not exists "{schema}"')

    def timed(phase: str, sql: str) -> Any:
        started = time.perf_counter()
        result = con.execute(sql).fetchall()
        phases[phase] += time.perf_counter() - started
        counts[phase] += 1
        return result

    for _table, sql in landing_statements(data_dir, raw):
        timed("landing", sql)
    for uid in topological(nodes):
        node = nodes[uid]
        if node["resource_type"] == "seed":
            path = PROJECT_DIR / node["original_file_path"]
            types = node["config"].get("column_types") or {}
            options = f", columns = {{{', '.join(f'{k!r}: {v!r}' for k, v in types.items())}}}" if types else ""
            timed("seeds", f"create or replace table {node['relation_name']} as select * from "
                           f"read_csv('{path}', header = true, delim = ','{options})")
            continue
        kind = node["config"].get("materialized", "view")
        if kind not in ("table", "view"):
            raise SystemExit(f"{uid}: materialisation {kind!r} is not supported by the floor")
        phase = "staging" if node["fqn"][1:2] == ["staging"] else "intermediate_marts"
        timed(phase, f"create or replace {kind} {node['relation_name']} as (\n{node['compiled_code']}\n)")
    failures = 0
    for test in sorted(tests, key=lambda t: t["unique_id"]):
        fail_calc = test["config"].get("fail_calc") or "count(*)"
        failures += int(timed("data_tests", f"select {fail_calc} from (\n{test['compiled_code']}\n) t")[0][0] or 0)
    threads, limit = con.execute("select current_setting('threads'), current_setting('memory_limit')").fetchone()
    settings = {"duckdb_threads": threads, "duckdb_memory_limit": limit}
    con.close()
    report.write_text(json.dumps({"phases": {k: round(v, 4) for k, v in phases.items()},
                                  "statements": counts, "test_failures": failures, **settings}))
