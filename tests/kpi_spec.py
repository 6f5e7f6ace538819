"""The KPI spec, read from docs/KPI_CATALOG.md (the repository's copy of the catalog): every
kpi_id with its catalog section, and the headline, unit and grain its kpi_catalog row must have
(the table "Headline and grain in `kpi_catalog`"). Tests read the spec from there, so adding a
KPI to the catalog document is what makes them expect it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CATALOG = Path(__file__).resolve().parent.parent / "docs" / "KPI_CATALOG.md"
HEADLINE_SECTION = "Headline and grain in `kpi_catalog`"


@dataclass(frozen=True)
class KpiSpec:
    kpi_id: str
    section: str
    headline: str
    unit: str
    grain: str


def _table_rows(lines: list[str]) -> list[list[str]]:
    """The cells of a markdown table's body rows (after the |---| line)."""
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines if line.startswith("|")]
    return rows[2:]


def load(path: Path = CATALOG) -> dict[str, KpiSpec]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = []
        elif current:
            sections[current].append(line)
    section_of = {row[0]: name for name, lines in sections.items() if name != HEADLINE_SECTION
                  for row in _table_rows(lines) if re.fullmatch(r"[a-z0-9_]+", row[0])}
    specs = {}
    for kpi_id, headline, grain in _table_rows(sections[HEADLINE_SECTION]):
        match = re.fullmatch(r"(.*) \[(\w+)\]", headline)
        if not match:
            raise ValueError(f"{path}: headline {headline!r} of {kpi_id} has no [unit]")
        specs[kpi_id] = KpiSpec(kpi_id, section_of.get(kpi_id, ""), match.group(1), match.group(2), grain)
    return specs
