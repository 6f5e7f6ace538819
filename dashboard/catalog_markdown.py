"""Write the dbt docs front page (models/overview.md) from kpi_catalog.

    python dashboard/catalog_markdown.py build/crm_kpi.duckdb > models/overview.md

`make docs` runs it before `dbt docs generate`, so the site lists every KPI's
definition and formula as the mart models' `kpis` meta declares them (through
the built catalog: warehouse or BI file, both have marts.kpi_catalog).
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

INTRO = """\
# crm-kpi

Raw CRM CSV exports turned into {count} sales KPIs, one documented view per KPI in
schema `marts`, all listed in [kpi_catalog](#!/model/model.crm_kpi.kpi_catalog):

```
CSV exports -> raw.<table> -> stg_crm__<table> (bad rows -> rejected_rows, with a reason)
            -> int_* (shared logic) -> marts.<kpi view> -> kpi_catalog
```

- **Models**: every model and column is described on its page; a mart model's
  page links to the tests that pin its values.
- **Semantic layer**: the *Semantic Models* and *Metrics* sections hold the
  MetricFlow definitions (models/semantic/); each KPI with a month grain is a
  metric named after its kpi_id (`mf query --metrics sales_revenue --group-by metric_time__month`).
- **Exposures**: the KPI dashboard (dashboard/app.py) and the published BI file,
  with the marts they read, in the lineage graph.

This page is generated from kpi_catalog by `make docs` (dashboard/catalog_markdown.py).
"""


def cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render(database: Path) -> str:
    con = duckdb.connect(str(database), read_only=True)
    try:
        rows = con.execute('select domain, kpi_id, name, definition, formula, unit, model, "column", grain '
                           "from marts.kpi_catalog order by domain, kpi_id").fetchall()
    finally:
        con.close()
    lines = ["{% docs __overview__ %}", INTRO.format(count=len(rows)), "{% raw %}"]
    for domain in sorted({row[0] for row in rows}):
        lines += ["", f"## {domain.capitalize()}", "",
                  "| KPI | Definition | Formula | Unit | Column (grain) |", "|---|---|---|---|---|"]
        for _d, kpi_id, name, definition, formula, unit, model, column, grain in (r for r in rows if r[0] == domain):
            lines.append(f"| **{cell(name)}** ([{kpi_id}](#!/model/model.crm_kpi.{model})) | {cell(definition)} "
                         f"| {cell(formula)} | {unit} | `{column}` ({cell(grain)}) |")
    lines += ["{% endraw %}", "{% enddocs %}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(render(Path(sys.argv[1] if len(sys.argv) > 1 else "build/crm_kpi.duckdb")))
