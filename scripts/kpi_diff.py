"""Compare the KPIs of two builds (warehouse or published BI file), through each
file's own kpi_catalog: no model name is hard-coded here.

For every kpi_id in either catalog: added, removed, moved (model, relation, column
or grain changed), redefined (name, domain, definition, formula or unit changed),
and value changes by key (the headline column at its grain): keys changed, added
and removed, the largest absolute and relative change, a few examples.

Numbers within `tolerance` (absolute) of each other are equal; NULL against a
number is a change; other values (text, dates) are compared exactly.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Optional

import duckdb

CATALOG_COLUMNS = ("kpi_id", "name", "domain", "definition", "formula", "unit", "model", "column", "grain",
                   "relation")
LOCATION_FIELDS = ("model", "relation", "column", "grain")  # a change here = the KPI "moved"
METADATA_FIELDS = ("name", "domain", "definition", "formula", "unit")  # a change here = "redefined"
EXAMPLES = 3
# GitHub refuses comments over 65,536 characters.
MARKDOWN_LIMIT = 60_000

Key = tuple[Any, ...]


class DiffInputError(ValueError):
    """A file that cannot be read as a crm-kpi build (missing, not DuckDB, no kpi_catalog...)."""


class DiffFileLocked(DiffInputError):
    """The file is held open for writing by another process."""


@dataclass(frozen=True)
class CatalogEntry:
    kpi_id: str
    name: str
    domain: str
    definition: str
    formula: str
    unit: str
    model: str
    column: str
    grain: str
    relation: str

    @property
    def grain_columns(self) -> tuple[str, ...]:
        return tuple(g.strip() for g in (self.grain or "").split(",") if g.strip())


@dataclass
class Snapshot:
    """One file's catalog and headline values: {kpi_id: {key: value}}."""

    path: Path
    catalog: dict[str, CatalogEntry]
    values: dict[str, dict[Key, Any]]
    duplicate_keys: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ValueChange:
    key: dict[str, Any]
    old: Any
    new: Any

    @property
    def absolute(self) -> Optional[float]:
        if _is_number(self.old) and _is_number(self.new):
            return float(self.new) - float(self.old)
        return None

    @property
    def relative_pct(self) -> Optional[float]:
        change = self.absolute
        if change is None or float(self.old) == 0:
            return None
        return change / abs(float(self.old)) * 100


@dataclass
class ValueDiff:
    keys_base: int
    keys_new: int
    changed: list[ValueChange]
    added: list[dict[str, Any]]
    removed: list[dict[str, Any]]

    @property
    def has_changes(self) -> bool:
        return bool(self.changed or self.added or self.removed)

    @property
    def largest_absolute(self) -> Optional[ValueChange]:
        numeric = [c for c in self.changed if c.absolute is not None]
        return max(numeric, key=lambda c: abs(c.absolute or 0.0)) if numeric else None

    @property
    def largest_relative(self) -> Optional[ValueChange]:
        relative = [c for c in self.changed if c.relative_pct is not None]
        return max(relative, key=lambda c: abs(c.relative_pct or 0.0)) if relative else None


@dataclass
class KpiDiff:
    kpi_id: str
    base: Optional[CatalogEntry]
    new: Optional[CatalogEntry]
    moved: dict[str, tuple[str, str]] = field(default_factory=dict)
    redefined: dict[str, tuple[str, str]] = field(default_factory=dict)
    values: Optional[ValueDiff] = None
    notes: list[str] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        kinds = []
        if self.base is None:
            kinds.append("added")
        if self.new is None:
            kinds.append("removed")
        if self.moved:
            kinds.append("moved")
        if self.redefined:
            kinds.append("redefined")
        if self.values is not None and self.values.has_changes:
            kinds.append("values")
        return kinds

    @property
    def changed(self) -> bool:
        return bool(self.kinds)


@dataclass
class DiffReport:
    base_label: str
    new_label: str
    tolerance: float
    kpis: list[KpiDiff]

    @property
    def changed(self) -> list[KpiDiff]:
        return [k for k in self.kpis if k.changed]

    @property
    def has_changes(self) -> bool:
        return bool(self.changed)

    def count(self, kind: str) -> int:
        return sum(kind in k.kinds for k in self.kpis)


# --- reading ----------------------------------------------------------------------------------------------------------

def read_snapshot(path: Path, kpi_ids: Optional[Iterable[str]] = None) -> Snapshot:
    """Reads the catalog and every headline value of `path` (opened read-only)."""
    if not path.exists():
        raise DiffInputError(f"{path}: no such file")
    if not path.is_file():
        raise DiffInputError(f"{path}: not a file")
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        message = _first_line(error)
        if "lock" in message.lower():
            raise DiffFileLocked(f"{path}: locked by another process ({message})") from None
        raise DiffInputError(f"{path}: not a readable DuckDB file ({message})") from None
    try:
        catalog = _read_catalog(con, path)
        wanted = set(kpi_ids) if kpi_ids else None
        values: dict[str, dict[Key, Any]] = {}
        duplicates: dict[str, int] = {}
        for kpi_id, entry in catalog.items():
            if wanted is None or kpi_id in wanted:
                values[kpi_id], duplicates[kpi_id] = _read_values(con, path, entry)
        return Snapshot(path, catalog, values, {k: n for k, n in duplicates.items() if n})
    finally:
        con.close()


def _read_catalog(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, CatalogEntry]:
    columns = ", ".join(f'"{c}"' for c in CATALOG_COLUMNS)
    try:
        rows = con.execute(f"select {columns} from marts.kpi_catalog order by kpi_id").fetchall()
    except duckdb.Error as error:
        raise DiffInputError(f"{path}: no readable marts.kpi_catalog ({_first_line(error)})") from None
    catalog = {}
    for row in rows:
        entry = CatalogEntry(*["" if v is None else str(v) for v in row])
        if entry.kpi_id in catalog:
            raise DiffInputError(f"{path}: kpi_id {entry.kpi_id} appears twice in marts.kpi_catalog")
        catalog[entry.kpi_id] = entry
    return catalog


def _read_values(con: duckdb.DuckDBPyConnection, path: Path, entry: CatalogEntry) -> tuple[dict[Key, Any], int]:
    """{grain values: headline value} of one KPI, and how many keys were not unique."""
    keys = entry.grain_columns
    if not keys or not entry.relation or not entry.column:
        raise DiffInputError(f"{path}: kpi_catalog row of {entry.kpi_id} has no relation, column or grain")
    relation = ".".join(_quote(part) for part in entry.relation.split("."))
    selected = ", ".join(_quote(c) for c in (*keys, entry.column))
    try:
        rows = con.execute(f"select {selected} from {relation}").fetchall()
    except duckdb.Error as error:
        raise DiffInputError(f"{path}: cannot read {entry.kpi_id} from {entry.relation}.{entry.column} at "
                             f"grain ({entry.grain}): {_first_line(error)}") from None
    values: dict[Key, Any] = {}
    duplicates = 0
    for row in rows:
        key = tuple(_normalise(v) for v in row[:-1])
        duplicates += key in values
        values[key] = _normalise(row[-1])
    return values, duplicates


# --- comparing ----------------------------------------------------------------------------------------------------------

def diff_files(base: Path, new: Path, tolerance: float = 0.01, kpi_ids: Optional[list[str]] = None,
               base_label: Optional[str] = None, new_label: Optional[str] = None) -> DiffReport:
    """Reads both files and compares them; unknown `kpi_ids` (in neither catalog) raise DiffInputError."""
    if tolerance < 0 or math.isnan(tolerance):
        raise DiffInputError(f"--tolerance must be a number >= 0, not {tolerance}")
    base_snapshot = read_snapshot(base, kpi_ids)
    new_snapshot = read_snapshot(new, kpi_ids)
    if kpi_ids:
        unknown = sorted(set(kpi_ids) - set(base_snapshot.catalog) - set(new_snapshot.catalog))
        if unknown:
            raise DiffInputError(f"unknown kpi_id: {', '.join(unknown)} (in neither kpi_catalog)")
    return diff_snapshots(base_snapshot, new_snapshot, tolerance, kpi_ids,
                          base_label or str(base), new_label or str(new))


def diff_snapshots(base: Snapshot, new: Snapshot, tolerance: float, kpi_ids: Optional[list[str]],
                   base_label: str, new_label: str) -> DiffReport:
    ids = sorted(set(base.catalog) | set(new.catalog))
    if kpi_ids:
        ids = [i for i in ids if i in set(kpi_ids)]
    return DiffReport(base_label, new_label, tolerance, [diff_kpi(i, base, new, tolerance) for i in ids])


def diff_kpi(kpi_id: str, base: Snapshot, new: Snapshot, tolerance: float) -> KpiDiff:
    old_entry, new_entry = base.catalog.get(kpi_id), new.catalog.get(kpi_id)
    result = KpiDiff(kpi_id, old_entry, new_entry)
    if old_entry is None or new_entry is None:
        return result
    result.moved = _field_changes(old_entry, new_entry, LOCATION_FIELDS)
    result.redefined = _field_changes(old_entry, new_entry, METADATA_FIELDS)
    if set(old_entry.grain_columns) != set(new_entry.grain_columns):
        result.notes.append("grain changed: values not compared key by key "
                            f"({len(base.values[kpi_id])} keys in base, {len(new.values[kpi_id])} in new)")
        return result
    for snapshot, label in ((base, "base"), (new, "new")):
        if snapshot.duplicate_keys.get(kpi_id):
            result.notes.append(f"{label}: {snapshot.duplicate_keys[kpi_id]} rows repeat a key of the grain "
                                "(the last row of each key was compared)")
    # same key columns, maybe in another order: compare in the base order
    order = [new_entry.grain_columns.index(c) for c in old_entry.grain_columns]
    new_values = {tuple(key[i] for i in order): value for key, value in new.values[kpi_id].items()}
    result.values = compare_values(old_entry.grain_columns, base.values[kpi_id], new_values, tolerance)
    return result


def compare_values(grain: tuple[str, ...], old: dict[Key, Any], new: dict[Key, Any], tolerance: float) -> ValueDiff:
    """Key-by-key comparison of one KPI's values at the same grain."""
    def named(key: Key) -> dict[str, Any]:
        return dict(zip(grain, key))

    changed = [ValueChange(named(k), old[k], new[k]) for k in sorted(old.keys() & new.keys(), key=_sort_key)
               if not values_equal(old[k], new[k], tolerance)]
    added = [named(k) for k in sorted(new.keys() - old.keys(), key=_sort_key)]
    removed = [named(k) for k in sorted(old.keys() - new.keys(), key=_sort_key)]
    return ValueDiff(len(old), len(new), changed, added, removed)


def values_equal(old: Any, new: Any, tolerance: float) -> bool:
    if old is None or new is None:
        return old is None and new is None
    if _is_number(old) and _is_number(new):
        a, b = float(old), float(new)
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return abs(a - b) <= tolerance + 1e-9 * max(1.0, abs(a), abs(b))
    return old == new


def _field_changes(old: CatalogEntry, new: CatalogEntry, fields: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    changes = {}
    for name in fields:
        a, b = getattr(old, name), getattr(new, name)
        if name == "grain":  # the same key columns in another order is the same grain
            a, b = ", ".join(old.grain_columns), ", ".join(new.grain_columns)
            if sorted(old.grain_columns) == sorted(new.grain_columns):
                continue
        if a != b:
            changes[name] = (a, b)
    return changes


# --- rendering ----------------------------------------------------------------------------------------------------------

def to_json(report: DiffReport) -> dict[str, Any]:
    return {
        "base": report.base_label, "new": report.new_label, "tolerance": report.tolerance,
        "changed": report.has_changes, "summary": _summary(report),
        "kpis": [_kpi_json(k) for k in report.changed],
        "unchanged": [k.kpi_id for k in report.kpis if not k.changed],
    }


def _summary(report: DiffReport) -> dict[str, int]:
    counts = {"kpis": len(report.kpis)}
    for kind in ("added", "removed", "moved", "redefined", "values"):
        counts[kind] = report.count(kind)
    counts["unchanged"] = len(report.kpis) - len(report.changed)
    return counts


def _kpi_json(kpi: KpiDiff) -> dict[str, Any]:
    entry = kpi.new or kpi.base
    assert entry is not None
    data: dict[str, Any] = {"kpi_id": kpi.kpi_id, "kinds": kpi.kinds,
                            "location": _location(entry) if not kpi.moved else None}
    if kpi.moved:
        data["moved"] = {name: {"base": a, "new": b} for name, (a, b) in kpi.moved.items()}
    if kpi.redefined:
        data["redefined"] = {name: {"base": a, "new": b} for name, (a, b) in kpi.redefined.items()}
    if kpi.values is not None:
        values = kpi.values
        data["values"] = {
            "keys_base": values.keys_base, "keys_new": values.keys_new,
            "keys_changed": len(values.changed), "keys_added": len(values.added), "keys_removed": len(values.removed),
            "largest_absolute_change": _change_json(values.largest_absolute),
            "largest_relative_change": _change_json(values.largest_relative),
            "examples": [_change_json(c) for c in values.changed[:EXAMPLES]],
            "added_keys": values.added[:EXAMPLES], "removed_keys": values.removed[:EXAMPLES],
        }
    if kpi.notes:
        data["notes"] = kpi.notes
    return data


def _change_json(change: Optional[ValueChange]) -> Optional[dict[str, Any]]:
    if change is None:
        return None
    return {"key": change.key, "base": change.old, "new": change.new, "change": change.absolute,
            "change_pct": change.relative_pct}


def render_text(report: DiffReport) -> str:
    lines = [f"KPI diff: {report.base_label} -> {report.new_label} (tolerance {report.tolerance:g})",
             _summary_line(report)]
    for kpi in report.changed:
        lines.append(f"{kpi.kpi_id}: {', '.join(kpi.kinds)}")
        for detail in _details(kpi):
            lines.append(f"    {detail}")
    if not report.has_changes:
        lines.append("no changes")
    return "\n".join(lines) + "\n"


def render_markdown(report: DiffReport, examples: bool = True) -> str:
    lines = ["## KPI diff", "",
             f"`{report.base_label}` → `{report.new_label}` · tolerance {report.tolerance:g} (absolute)", ""]
    if not report.has_changes:
        lines.append(f"**No changes**: all {len(report.kpis)} KPIs have the same catalog entries and values.")
        return "\n".join(lines) + "\n"
    lines += [f"**{len(report.changed)} of {len(report.kpis)} KPIs changed**: {_counts_text(report)}.", "",
              "| KPI | change | keys changed | keys added / removed | largest change | largest relative change |",
              "|---|---|--:|--:|---|---|"]
    for kpi in report.changed:
        lines.append("| " + " | ".join(_markdown_row(kpi)) + " |")
    if examples:
        lines += ["", "<details><summary>Details and examples</summary>", ""]
        for kpi in report.changed:
            lines.append(f"#### `{kpi.kpi_id}`")
            lines += [f"- {detail}" for detail in _details(kpi, markdown=True)]
            lines += _example_table(kpi)
            lines.append("")
        lines.append("</details>")
    text = "\n".join(lines) + "\n"
    if examples and len(text) > MARKDOWN_LIMIT:
        return render_markdown(report, examples=False) + "\n_(details left out: too long for a comment)_\n"
    return text


def _summary_line(report: DiffReport) -> str:
    return f"{len(report.kpis)} KPIs: {_counts_text(report)}"


def _counts_text(report: DiffReport) -> str:
    s = _summary(report)
    return (f"{s['values']} with changed values, {s['added']} added, {s['removed']} removed, "
            f"{s['moved']} moved, {s['redefined']} redefined, {s['unchanged']} unchanged")


def _markdown_row(kpi: KpiDiff) -> list[str]:
    entry = kpi.new or kpi.base
    assert entry is not None
    name = f"`{kpi.kpi_id}`"
    if kpi.base is None:
        return [name, f"added: `{_md(_location(entry))}`", "", "", "", ""]
    if kpi.new is None:
        return [name, f"removed (was `{_md(_location(entry))}`)", "", "", "", ""]
    kinds = []
    if kpi.moved:
        kinds.append("moved: " + "; ".join(f"{field_name} `{_md(a)}` → `{_md(b)}`"
                                           for field_name, (a, b) in kpi.moved.items()))
    if kpi.redefined:
        kinds.append("redefined: " + ", ".join(kpi.redefined))
    values = kpi.values
    if values is None:
        return [name, "<br>".join(kinds), "not compared (grain changed)", "", "", ""]
    if values.has_changes:
        kinds.append("values")
    largest, relative = values.largest_absolute, values.largest_relative
    largest = largest or (values.changed[0] if values.changed else None)
    return [name, "<br>".join(kinds), f"{len(values.changed)} of {values.keys_base}",
            f"+{len(values.added)} / -{len(values.removed)}",
            _md(_describe(largest)) if largest else "",
            f"{_pct(relative.relative_pct)} ({_md(_key_text(relative.key))})" if relative else ""]


def _details(kpi: KpiDiff, markdown: bool = False) -> list[str]:
    code = (lambda s: f"`{s}`") if markdown else (lambda s: s)
    details = []
    if kpi.base is None and kpi.new is not None:
        details.append(f"added: {code(_location(kpi.new))}")
    if kpi.new is None and kpi.base is not None:
        details.append(f"removed: was {code(_location(kpi.base))}")
    for name, (a, b) in kpi.moved.items():
        details.append(f"moved: {name} {code(a)} -> {code(b)}")
    for name, (a, b) in kpi.redefined.items():
        details.append(f"{name} changed: {code(a)} -> {code(b)}")
    values = kpi.values
    if values is not None and values.has_changes:
        details.append(f"{len(values.changed)} of {values.keys_base} keys changed, {len(values.added)} added, "
                       f"{len(values.removed)} removed")
        if values.largest_absolute:
            details.append(f"largest change: {_describe(values.largest_absolute)}")
        if values.largest_relative:
            change = values.largest_relative
            details.append(f"largest relative change: {_pct(change.relative_pct)} at {_key_text(change.key)}")
        if not markdown:
            details += [f"e.g. {_describe(c)}" for c in values.changed[:EXAMPLES]]
        for label, keys in (("added", values.added), ("removed", values.removed)):
            if keys:
                more = f" (and {len(keys) - EXAMPLES} more)" if len(keys) > EXAMPLES else ""
                details.append(f"keys {label}: " + "; ".join(_key_text(k) for k in keys[:EXAMPLES]) + more)
    details += kpi.notes
    return details


def _example_table(kpi: KpiDiff) -> list[str]:
    if kpi.values is None or not kpi.values.changed:
        return []
    lines = ["", "| key | base | new | change |", "|---|--:|--:|--:|"]
    for change in kpi.values.changed[:EXAMPLES]:
        delta = "" if change.absolute is None else _signed(change.absolute)
        lines.append(f"| {_md(_key_text(change.key))} | {_md(_fmt(change.old))} | {_md(_fmt(change.new))} | {delta} |")
    if len(kpi.values.changed) > EXAMPLES:
        lines.append(f"| … {len(kpi.values.changed) - EXAMPLES} more | | | |")
    return lines


def _describe(change: ValueChange) -> str:
    delta = f" ({_signed(change.absolute)})" if change.absolute is not None else ""
    return f"{_key_text(change.key)}: {_fmt(change.old)} → {_fmt(change.new)}{delta}"


def _location(entry: CatalogEntry) -> str:
    return f"{entry.relation}.{entry.column} at ({', '.join(entry.grain_columns)})"


def _key_text(key: dict[str, Any]) -> str:
    return ", ".join(f"{k}={'NULL' if v is None else v}" for k, v in key.items())


def _fmt(value: Any) -> str:
    if value is None:
        return "NULL"
    if _is_number(value):
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            return str(number)
        if number == int(number) and abs(number) < 1e15:
            return f"{int(number):,}"
        return f"{number:,.4f}".rstrip("0").rstrip(".")
    return str(value)


def _pct(number: Optional[float]) -> str:
    return "" if number is None else f"{number:+,.2f}%"


def _md(text: str) -> str:
    """Safe inside a markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _signed(number: Optional[float]) -> str:
    if number is None:
        return ""
    return ("+" if number >= 0 else "-") + _fmt(abs(number))


# --- helpers ----------------------------------------------------------------------------------------------------------

def _normalise(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _sort_key(key: Key) -> tuple[tuple[int, str], ...]:
    """NULLs last; numbers and strings ordered as text (keys are dates, ids, buckets)."""
    return tuple((1, "") if v is None else (0, f"{v:020.6f}" if _is_number(v) else str(v)) for v in key)


def _quote(identifier: str) -> str:
    return '"' + identifier.strip().replace('"', '""') + '"'


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
