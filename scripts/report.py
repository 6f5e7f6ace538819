"""Terminal progress for dbt runs and the build summary, with rich."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

FAILED_STATUSES = {"error", "fail"}
DBT_WRAPPER = re.compile(r"(Runtime|Database|Compilation|Internal) Error in ")
HEADLINE_KPIS = ["sales_revenue", "win_rate", "new_customers", "monthly_recurring_revenue",
                 "customer_churn_rate", "net_promoter_score"]


class NodeProgress:
    """A live line per dbt node, fed by dbtRunner's event callback; collects failures."""

    def __init__(self, console: Console, enabled: bool = True) -> None:
        self.failures: list[str] = []
        self.done = 0
        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                  console=console, transient=True, disable=not enabled)
        self._task = self._progress.add_task("dbt build: starting", total=None)

    def __enter__(self) -> "NodeProgress":
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def on_event(self, event: Any) -> None:
        # Called on dbt's worker threads: an exception here would fail the node, so never raise.
        try:
            self._handle(event)
        except Exception:  # noqa: BLE001
            pass

    def _handle(self, event: Any) -> None:
        name = event.info.name
        if name == "NodeStart":
            node = event.data.node_info
            self._progress.update(self._task, description=f"dbt build: {self.done} done, running {node.node_name}")
        elif name == "NodeFinished":
            self.done += 1
            result = event.data.run_result
            if result.status in FAILED_STATUSES:
                node = event.data.node_info
                detail = f"{result.num_failures} failing rows" if result.num_failures else _first_line(result.message)
                self.failures.append(f"{node.resource_type} {node.node_name}: {detail}")


def _first_line(text: str) -> str:
    """dbt's first line, plus the database's own first line when dbt's only names the node
    ("Runtime Error in model X (path)" says nothing of the cause: out of memory, a bad cast...)."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    if not lines:
        return str(text)
    if len(lines) > 1 and DBT_WRAPPER.match(lines[0]):
        return f"{lines[0]}: {lines[1]}"
    return lines[0]


def read_summary(database: Path) -> dict[str, Any]:
    """Rows landed / clean / rejected per table, the top reject reasons, the vendor objects found
    and the KPIs the data cannot support."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        if not _exists(con, "raw", "landed_objects") or not _exists(con, "staging", "rejected_rows"):
            return {"tables": [], "top_reasons": []}
        landed_objects = con.execute("select source_name, object_name, supplied, location from raw.landed_objects "
                                     "order by source_name = 'crm', object_name").fetchall()
        vendor = next((s for s, *_ in landed_objects if s != "crm"), None)
        rejected = dict(con.execute(
            "select table_name, count(*) from staging.rejected_rows group by 1").fetchall())
        rows = []
        for source_name, table, supplied, _location in landed_objects:
            if source_name != "crm":
                continue
            adapter = f"stg_{vendor}__{table}"
            relation = f'staging."{adapter}"' if vendor and _exists(con, "staging", adapter) else f'raw."{table}"'
            landed = con.execute(f"select count(*) from {relation}").fetchone()[0]
            clean = con.execute(f'select count(*) from staging."stg_crm__{table}"').fetchone()[0]
            rows.append({"table": table, "supplied": bool(supplied), "landed": landed, "clean": clean,
                         "rejected": rejected.get(table, 0)})
        objects = [{"object": name, "supplied": bool(supplied), "location": location,
                    "landed": con.execute(f'select count(*) from raw_{source_name}."{name}"').fetchone()[0]}
                   for source_name, name, supplied, location in landed_objects if source_name != "crm"]
        reasons = [{"reason": r, "table": t, "rows": n} for r, t, n in con.execute(
            "select reason, table_name, count(*) from staging.rejected_rows "
            "group by 1, 2 order by 3 desc, 1, 2 limit 10").fetchall()]
        summary: dict[str, Any] = {"source": vendor or "contract", "tables": rows, "top_reasons": reasons}
        if objects:
            summary["objects"] = objects
        return {**summary, **_availability(con), **_headline_kpis(con)}
    finally:
        con.close()


def _availability(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The KPIs this build's data supports, and the others with the tables they need."""
    if not _exists(con, "marts", "kpi_catalog"):
        return {}
    rows = con.execute("select kpi_id, available, needs from marts.kpi_catalog order by kpi_id").fetchall()
    return {"available_kpis": [k for k, available, _ in rows if available],
            "unavailable_kpis": [{"kpi_id": k, "needs": needs} for k, available, needs in rows if not available]}


def _headline_kpis(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The headline KPIs of the latest complete month, read through kpi_catalog."""
    if not _exists(con, "marts", "kpi_catalog") or not _exists(con, "intermediate", "int_months"):
        return {}
    month = con.execute("select max(month) from intermediate.int_months where is_complete").fetchone()[0]
    values = {}
    for kpi_id, relation, column in con.execute(
            'select kpi_id, relation, "column" from marts.kpi_catalog where kpi_id in ? and available',
            [HEADLINE_KPIS]).fetchall():
        row = con.execute(f'select "{column}" from {relation} where month = ?', [month]).fetchone()
        values[kpi_id] = None if row is None or row[0] is None else float(row[0])
    return {"month": str(month), "headline_kpis": {k: values[k] for k in HEADLINE_KPIS if k in values}}


def _exists(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    return con.execute("select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
                       [schema, name]).fetchone()[0] > 0


def print_summary(console: Console, summary: dict[str, Any]) -> None:
    table = Table(title="Rows per table", show_footer=True)
    rows = summary.get("tables", [])
    table.add_column("table", footer="total")
    for key in ("landed", "clean", "rejected"):
        table.add_column(key, justify="right", footer=f"{sum(r[key] for r in rows):,}")
    for row in rows:
        name = row["table"] if row.get("supplied", True) else f"{row['table']} (not supplied)"
        table.add_row(name, f"{row['landed']:,}", f"{row['clean']:,}", f"{row['rejected']:,}")
    console.print(table)
    if summary.get("objects"):
        objects = Table(title=f"{summary['source']} objects")
        for key in ("object", "landed", "from"):
            objects.add_column(key, justify="right" if key == "landed" else "left")
        for row in summary["objects"]:
            objects.add_row(row["object"], f"{row['landed']:,}", row["location"] or "not supplied")
        console.print(objects)
    if summary.get("top_reasons"):
        reasons = Table(title="Top reject reasons")
        for key in ("reason", "table", "rows"):
            reasons.add_column(key, justify="right" if key == "rows" else "left")
        for row in summary["top_reasons"]:
            reasons.add_row(row["reason"], row["table"], f"{row['rows']:,}")
        console.print(reasons)
    if summary.get("headline_kpis"):
        kpis = Table(title=f"Headline KPIs, {summary['month'][:7]} (latest complete month)")
        kpis.add_column("kpi_id")
        kpis.add_column("value", justify="right")
        for kpi_id, value in summary["headline_kpis"].items():
            kpis.add_row(kpi_id, "-" if value is None else f"{value:,.2f}")
        console.print(kpis)
    unavailable = summary.get("unavailable_kpis")
    if unavailable:
        kpis = Table(title=f"{len(unavailable)} KPIs unavailable: their data was not supplied "
                           f"({len(summary.get('available_kpis', []))} available)")
        kpis.add_column("kpi_id")
        kpis.add_column("needs")
        for row in unavailable:
            kpis.add_row(row["kpi_id"], row["needs"])
        console.print(kpis)
    if "ok" in summary:
        status = "[green]build ok[/]" if summary["ok"] else "[red]build failed[/]"
        console.print(f"{status} in {summary['seconds']} s -> {summary['database']}")


def print_kpis(console: Console, rows: list[dict[str, Any]]) -> None:
    table = Table(title="KPIs")
    for key in ("kpi_id", "key", "value", "unit"):
        table.add_column(key, justify="right" if key == "value" else "left")
    for row in rows:
        key = ", ".join(f"{k}={v}" for k, v in row["key"].items())
        value = row["value"]
        if not row.get("available", True):
            table.add_row(row["kpi_id"], "", f"unavailable, needs {row['needs']}", row["unit"])
            continue
        shown = f"{value:,.2f}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
        table.add_row(row["kpi_id"], key, shown, row["unit"])
    console.print(table)
