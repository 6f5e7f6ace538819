"""Read KPI headline values through kpi_catalog (no model names are hard-coded here)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import duckdb


class UnknownKpi(ValueError):
    pass


def read_kpis(database: Path, month: str | None, kpi_ids: list[str]) -> list[dict[str, Any]]:
    """One dict per KPI value: kpi_id, unit, key (grain values), value, available.

    KPIs with a `month` grain show the given month (YYYY-MM) or their latest month. A KPI the
    build's data cannot support is one row with available = False, no value and the tables it needs."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        catalog = con.execute('select kpi_id, name, unit, relation, "column", grain, available, needs '
                              "from marts.kpi_catalog order by domain, kpi_id").fetchall()
        unknown = sorted(set(kpi_ids) - {row[0] for row in catalog})
        if unknown:
            raise UnknownKpi(f"unknown kpi_id: {', '.join(unknown)} (see marts.kpi_catalog)")
        rows = []
        for kpi_id, name, unit, relation, column, grain, available, needs in catalog:
            if kpi_ids and kpi_id not in kpi_ids:
                continue
            if not available:
                rows.append({"kpi_id": kpi_id, "name": name, "unit": unit, "key": {}, "value": None,
                             "available": False, "needs": needs})
                continue
            keys = [g.strip() for g in grain.split(",")]
            where, params = "", []
            if "month" in keys:
                if month:
                    where, params = "where month = cast(? as date)", [f"{month}-01"]
                else:
                    where = f"where month = (select max(month) from {relation} where \"{column}\" is not null)"
            query = f'select {", ".join(keys)}, "{column}" from {relation} {where} order by {", ".join(keys)}'
            for values in con.execute(query, params).fetchall():
                rows.append({"kpi_id": kpi_id, "name": name, "unit": unit,
                             "key": dict(zip(keys, [str(v) for v in values[:-1]])), "value": _plain(values[-1]),
                             "available": True})
        return rows
    finally:
        con.close()


def write_csv(rows: list[dict[str, Any]], out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(["kpi_id", "unit", "key", "value", "available", "needs"])
    for row in rows:
        key = ";".join(f"{k}={v}" for k, v in row["key"].items())
        writer.writerow([row["kpi_id"], row["unit"], key, row["value"], row["available"], row.get("needs") or ""])


def _plain(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value
