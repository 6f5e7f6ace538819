"""The pandas reference worker: tests/reference's loader and every registry KPI."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from bench.names import PROJECT_DIR


def pandas_worker(data_dir: Path, report: Path) -> None:
    state: dict[str, Any] = {"stage": "import"}

    def save() -> None:
        report.write_text(json.dumps(state))

    save()
    started = time.perf_counter()
    sys.path.insert(0, str(PROJECT_DIR))
    from tests.reference import loader, registry

    state.update({"import_seconds": round(time.perf_counter() - started, 4), "stage": "load",
                  "kpis_total": len(registry.KPIS)})
    save()
    started = time.perf_counter()
    clean = loader.load(data_dir)
    state.update({"load_seconds": round(time.perf_counter() - started, 4), "stage": "kpis",
                  "kpis_ok": 0, "kpis_failed": {}, "kpi_seconds": {}})
    save()
    for kpi_id, function in registry.KPIS.items():
        started = time.perf_counter()
        try:
            function(clean)
            state["kpis_ok"] += 1
        except Exception as error:  # noqa: BLE001 - the reference is a moving target: record and go on
            first_line = (str(error).splitlines() or [""])[0][:200]
            state["kpis_failed"][kpi_id] = f"{type(error).__name__}: {first_line}"
        state["kpi_seconds"][kpi_id] = round(time.perf_counter() - started, 4)
        save()
    state["kpis_seconds"] = round(sum(state["kpi_seconds"].values()), 4)
    state["stage"] = "done"
    save()
