"""Every reference KPI: the merge of `KPIS` from each tests/reference/kpis_*.py module."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Callable

import pandas as pd

_HERE = Path(__file__).resolve().parent


def _collect() -> tuple[dict[str, Callable[..., pd.DataFrame]], dict[str, str]]:
    kpis: dict[str, Callable[..., pd.DataFrame]] = {}
    owner: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules([str(_HERE)]), key=lambda m: m.name):
        if not info.name.startswith("kpis_"):
            continue
        module = importlib.import_module(f"{__package__}.{info.name}")
        for kpi_id, function in getattr(module, "KPIS", {}).items():
            if kpi_id in kpis:
                raise ValueError(f"{kpi_id} is defined in both {owner[kpi_id]} and {info.name}")
            kpis[kpi_id] = function
            owner[kpi_id] = info.name
    return kpis, owner


KPIS, MODULE_OF = _collect()
