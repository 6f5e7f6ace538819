"""Every reference KPI: the merge of `KPIS` from each tests/reference/kpis_*.py module, each
computed from the data as known on the as-of date (`as_of.known`: nothing dated after it)."""

from __future__ import annotations

import functools
import importlib
import pkgutil
from pathlib import Path
from typing import Callable

import pandas as pd

from .as_of import known

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
            kpis[kpi_id] = _as_known(function)
            owner[kpi_id] = info.name
    return kpis, owner


def _as_known(function: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    @functools.wraps(function)
    def kpi(clean, *args, **kwargs) -> pd.DataFrame:
        return function(known(clean), *args, **kwargs)
    return kpi


KPIS, MODULE_OF = _collect()
