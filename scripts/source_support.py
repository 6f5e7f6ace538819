"""The README's table of the KPIs each source supports, generated from marts.kpi_source_support.

    python scripts/source_support.py build/crm_kpi.duckdb            print the table
    python scripts/source_support.py build/crm_kpi.duckdb --write README.md
                                                                     replace it between the markers

The table is read from a built warehouse or BI file, so it follows the KPIs' `needs`
meta and the adapters' manifests (macros/sources/) without being kept by hand.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

BEGIN, END = "<!-- source-support:begin -->", "<!-- source-support:end -->"
SOURCES = ("contract", "salesforce", "hubspot")


def markdown(database: Path) -> str:
    con = duckdb.connect(str(database), read_only=True)
    try:
        rows = con.execute(
            "select c.domain, c.kpi_id, c.requires, s.source_name, s.supported, s.unmapped_tables "
            "from marts.kpi_catalog as c inner join marts.kpi_source_support as s on c.kpi_id = s.kpi_id "
            "order by c.domain, c.kpi_id").fetchall()
    finally:
        con.close()
    table: dict[tuple[str, str, str], dict[str, str]] = {}
    for domain, kpi_id, requires, source_name, supported, unmapped in rows:
        cell = "yes" if supported else f"no: {unmapped}"
        table.setdefault((domain, kpi_id, requires), {})[source_name] = cell
    counts = {name: sum(1 for cells in table.values() if cells.get(name) == "yes") for name in SOURCES}
    lines = [
        f"| domain | kpi_id | needs | {' | '.join(f'{name} ({counts[name]})' for name in SOURCES)} |",
        f"|---|---|---|{'---|' * len(SOURCES)}",
    ]
    for (domain, kpi_id, requires), cells in table.items():
        lines.append(f"| {domain} | `{kpi_id}` | {requires} | {' | '.join(cells.get(name, '') for name in SOURCES)} |")
    return "\n".join(lines) + "\n"


def replace_between_markers(text: str, generated: str) -> str:
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n" + generated + text[end:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database", type=Path)
    parser.add_argument("--write", type=Path, help="A markdown file holding the markers; rewritten in place.")
    args = parser.parse_args()
    generated = markdown(args.database)
    if args.write:
        args.write.write_text(replace_between_markers(args.write.read_text(), generated))
    else:
        print(generated, end="")


if __name__ == "__main__":
    main()
