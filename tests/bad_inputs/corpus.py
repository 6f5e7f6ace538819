"""The bad-input corpus of cases.yml, written out as data directories.

    python tests/bad_inputs/corpus.py --out DIR         the combined data set (row, clean and file cases)
    python tests/bad_inputs/corpus.py --out DIR --stop ID   one stop case's data directory

tests/test_bad_inputs.py builds the combined data set once and checks every case;
see README.md in this directory.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
PROJECT_DIR = HERE.parent.parent
SAMPLE_DIR = PROJECT_DIR / "seeds" / "sample"
CASES_FILE = HERE / "cases.yml"
sys.path.insert(0, str(PROJECT_DIR / "scripts"))

import contract  # noqa: E402

# The reject reasons, in the order the staging layer checks them (README.md, "Rejected rows").
REASONS = ["null_key", "missing_value", "unparsable_date", "unparsable_number", "unparsable_boolean", "bad_enum",
           "out_of_range", "duplicate_key", "close_before_create", "end_before_start", "orphan_foreign_key",
           "missing_fx_rate"]
# A row rejected for one of these is rejected before the duplicate check, so it may reuse a key.
BEFORE_DUPLICATE_CHECK = set(REASONS[:REASONS.index("duplicate_key") + 1])


@dataclass
class CsvFile:
    """One raw file: its header and data records, as text."""

    header: list[str]
    records: list[list[str]]
    bom: bool = False
    line_end: str = "\n"
    quote_all: bool = False
    final_newline: bool = True
    blank_lines: bool = False

    @classmethod
    def read(cls, path: Path) -> "CsvFile":
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        return cls(rows[0], rows[1:])

    def column(self, name: str) -> int:
        return self.header.index(name)

    def write(self, path: Path) -> None:
        with path.open("w", newline="", encoding="utf-8-sig" if self.bom else "utf-8") as handle:
            writer = csv.writer(handle, lineterminator=self.line_end,
                                quoting=csv.QUOTE_ALL if self.quote_all else csv.QUOTE_MINIMAL)
            writer.writerow(self.header)
            for number, record in enumerate(self.records, 1):
                writer.writerow(record)
                if self.blank_lines and number % 100 == 0:
                    handle.write(self.line_end)
        if not self.final_newline:
            data = path.read_bytes()
            path.write_bytes(data[:-len(self.line_end)])


@dataclass
class RowCase:
    """One appended row: rejected with `reason` on `column`, or clean with the `expect`ed staged values."""

    id: str
    table: str
    values: dict[str, str]
    row: dict[str, str]
    reason: str | None = None
    column: str | None = None
    gap: str | None = None
    expect: dict[str, str | None] = field(default_factory=dict)
    source_row: int = 0

    @property
    def offending_value(self) -> str | None:
        """The raw value rejected_rows reports: the reject column's value, trimmed, null when empty."""
        return (self.row.get(self.column or "") or "").strip() or None


@dataclass
class Combined:
    """The combined data set: the sample with every row, clean and file case applied."""

    files: dict[str, CsvFile]
    rejected: list[RowCase]
    clean: list[RowCase]
    file_cases: list[dict[str, Any]]

    def write(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        for table, data in self.files.items():
            data.write(data_dir / f"{table}.csv")


def load_cases() -> dict[str, Any]:
    """cases.yml with every scalar as a string (as in a CSV), `null` in expectations meaning SQL NULL."""
    return yaml.load(CASES_FILE.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def contract_by_table() -> dict[str, dict[str, Any]]:
    return {table["name"]: table for table in contract.load_contract()}


def foreign_keys() -> list[tuple[str, str, str]]:
    """(table, column, parent table) for every foreign key of the contract."""
    return [(table["name"], column["name"], column["meta"]["references"])
            for table in contract.load_contract() for column in table["columns"]
            if column.get("meta", {}).get("references")]


def sample_files() -> dict[str, CsvFile]:
    return {table: CsvFile.read(SAMPLE_DIR / f"{table}.csv") for table in contract.contract_tables()}


def injected_rejects() -> dict[tuple[str, int], tuple[str, str]]:
    """The sample's own bad rows: (table, source_row) -> (reason, column)."""
    with (SAMPLE_DIR / "_injected_rejects.csv").open(newline="") as handle:
        return {(r["table_name"], int(r["source_row"])): (r["reason"], r["column_name"]) for r in csv.DictReader(handle)}


def new_row(table: dict[str, Any], sample: CsvFile, case_id: str, like: int, values: dict[str, str]) -> dict[str, str]:
    """A copy of sample record `like` with `values` set; a one-text-column key not set becomes the case id."""
    row = dict(zip(sample.header, sample.records[like - 1]))
    key = table["meta"]["primary_key"]
    key_column = next(c for c in table["columns"] if c["name"] == key[0])
    if len(key) == 1 and key_column["data_type"] == "text" and not key_column.get("meta", {}).get("references"):
        row[key[0]] = case_id
    row.update(values)
    unknown = set(values) - set(sample.header)
    assert not unknown, f"case {case_id}: no column {unknown} in {table['name']}"
    return row


def row_cases(cases: dict[str, Any], tables: dict[str, dict[str, Any]], files: dict[str, CsvFile]) -> list[RowCase]:
    """The listed row cases, then one generated orphan case per foreign key of the contract."""
    result = []
    for case in cases["row_cases"]:
        row = new_row(tables[case["table"]], files[case["table"]], case["id"], int(case.get("like", 1)), case["set"])
        result.append(RowCase(case["id"], case["table"], case["set"], row, case["reason"], case["column"],
                              case.get("gap")))
    for table, column, _parent in foreign_keys():
        case_id = f"orphan_{table}__{column}"
        values = {**cases["orphan_key_values"].get(table, {}), column: cases["orphan_value"]}
        result.append(RowCase(case_id, table, values, new_row(tables[table], files[table], case_id, 1, values),
                              "orphan_foreign_key", column))
    return result


def clean_cases(cases: dict[str, Any], tables: dict[str, dict[str, Any]], files: dict[str, CsvFile]) -> list[RowCase]:
    return [RowCase(case["id"], case["table"], case["set"],
                    new_row(tables[case["table"]], files[case["table"]], case["id"], int(case.get("like", 1)),
                            case["set"]),
                    expect={k: None if v == "null" else v for k, v in case["expect"].items()})
            for case in cases["clean_cases"]]


def raw_key(table: dict[str, Any], header: list[str], record: list[str]) -> tuple[str, ...]:
    return tuple(record[header.index(k)].strip().lower() for k in table["meta"]["primary_key"])


def check_new_keys(appended: list[RowCase], tables: dict[str, dict[str, Any]], files: dict[str, CsvFile]) -> None:
    """A row meant to pass the duplicate check (a clean row, or one rejected by a later rule) has a new key."""
    for case in appended:
        if case.reason in BEFORE_DUPLICATE_CHECK:
            continue
        table, data = tables[case.table], files[case.table]
        keys = [raw_key(table, data.header, r) for r in data.records]
        mine = keys[case.source_row - 1]
        assert keys.count(mine) == 1, f"case {case.id}: key {mine} is already in {case.table}: choose a new one"


def apply_file_case(case: dict[str, Any], data: CsvFile) -> None:
    """A whole-file change that the build must survive."""
    change = case["change"]
    if change == "bom":
        data.bom = True
    elif change == "crlf":
        data.line_end = "\r\n"
    elif change == "quote_all":
        data.quote_all = True
    elif change == "no_final_newline":
        data.final_newline = False
    elif change == "blank_lines":
        data.blank_lines = True
    elif change == "set_value":
        data.records[int(case["row"]) - 1][data.column(case["column"])] = case["value"]
    elif change == "add_column":
        data.header.append(case["column"])
        for record in data.records:
            record.append(case["value"])
    elif change == "reverse_columns":
        data.header.reverse()
        for record in data.records:
            record.reverse()
    elif change == "header_style":
        data.header = [f" {name.upper()} " for name in data.header]
    elif change == "drop_column":
        index = data.column(case["column"])
        data.header.pop(index)
        for record in data.records:
            record.pop(index)
    elif change == "header_only":
        data.records.clear()
    else:
        raise ValueError(f"file case {case['id']}: unknown change {change!r}")


def combined() -> Combined:
    """The sample plus every row case, clean case and file case (in memory: see Combined.write)."""
    cases, tables, files = load_cases(), contract_by_table(), sample_files()
    rejected, clean = row_cases(cases, tables, files), clean_cases(cases, tables, files)
    for case in rejected + clean:
        data = files[case.table]
        data.records.append([case.row.get(column, "") for column in data.header])
        case.source_row = len(data.records)
    check_new_keys(rejected + clean, tables, files)
    changed: dict[str, str] = {}
    for case in cases["file_cases"]:
        assert case["table"] not in changed, f"file cases {changed[case['table']]} and {case['id']} share a table"
        changed[case["table"]] = case["id"]
        if case["change"] == "header_only":
            clash = [c.id for c in rejected + clean if c.table == case["table"]]
            assert not clash, f"file case {case['id']} empties {case['table']}, which cases {clash} append to"
        if case["change"] == "drop_column":
            clash = [c.id for c in rejected + clean if c.table == case["table"] and case["column"] in c.values]
            assert not clash, f"file case {case['id']} drops a column that cases {clash} set"
        apply_file_case(case, files[case["table"]])
    return Combined(files, rejected, clean, cases["file_cases"])


def write_stop_case(case: dict[str, Any], root: Path) -> tuple[Path, list[str]]:
    """A copy of the sample broken as `case` says, under root; returns (data dir, extra pipeline options)."""
    change = case["change"]
    data_dir = root / "data"
    if change == "no_data_dir":
        return data_dir, []
    if change == "data_dir_is_file":
        root.mkdir(parents=True, exist_ok=True)
        data_dir.write_text("not a directory\n")
        return data_dir, []
    if change.startswith("database_"):  # the sample as it is, built into a --database that cannot be one
        return SAMPLE_DIR, ["--database", str(write_bad_database(change, root))]
    shutil.copytree(SAMPLE_DIR, data_dir)
    if change == "option":
        return data_dir, list(case["args"])
    path = data_dir / f"{case['table']}.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    row = int(case.get("row", 0))  # a data record; sample files hold one record per line

    def edit_fields(edit: Any) -> None:
        fields = lines[row].rstrip("\n").split(",")
        lines[row] = ",".join(edit(fields)) + "\n"
        path.write_text("".join(lines), encoding="utf-8")

    if change == "delete_file":
        path.unlink()
    elif change == "delete_files":
        for table in case["tables"]:
            (data_dir / f"{table}.csv").unlink()
    elif change == "file_is_directory":
        path.unlink()
        path.mkdir()
    elif change == "drop_column":
        data = CsvFile.read(path)
        apply_file_case(case, data)
        data.write(path)
    elif change == "empty_file":
        path.write_bytes(b"")
    elif change == "bom_only":
        path.write_bytes(b"\xef\xbb\xbf")
    elif change == "delimiter":
        path.write_text(text.replace(",", case["value"]), encoding="utf-8")
    elif change == "rename_column":
        header = lines[0].rstrip("\n").split(",")
        header[header.index(case["column"])] = case["value"]
        lines[0] = ",".join(header) + "\n"
        path.write_text("".join(lines), encoding="utf-8")
    elif change == "latin1_row":
        fields = lines[row].rstrip("\n").split(",")
        fields[2] = "M\u00fcller"
        lines[row] = ",".join(fields) + "\n"
        path.write_bytes(b"".join(line.encode("latin-1" if n == row else "utf-8") for n, line in enumerate(lines)))
    elif change == "utf16":
        path.write_bytes(text.encode("utf-16"))
    elif change == "extra_field":
        edit_fields(lambda fields: [*fields, "extra"])
    elif change == "truncate_row":
        edit_fields(lambda fields: fields[:3])
    elif change == "open_quote":
        edit_fields(lambda fields: [fields[0], '"' + fields[1], *fields[2:]])
    elif change == "text_after_quote":
        edit_fields(lambda fields: [fields[0], f'"{fields[1]}"x', *fields[2:]])
    elif change == "huge_field":  # one value of `value` MB, over DuckDB's 2 MB limit per record
        edit_fields(lambda fields: [fields[0], "x" * int(float(case["value"]) * 1024 * 1024), *fields[2:]])
    else:
        raise ValueError(f"stop case {case['id']}: unknown change {change!r}")
    return data_dir, []


def write_bad_database(change: str, root: Path) -> Path:
    """A --database path under root that is not usable, as `change` says."""
    root.mkdir(parents=True, exist_ok=True)
    path = root / "warehouse.duckdb"
    if change == "database_is_directory":
        path.mkdir()
    elif change == "database_not_duckdb":
        path.write_text("rate_date,from_currency\n2026-01-01,USD\n")
    elif change == "database_parent_is_file":
        (root / "build").write_text("a file where a directory is expected\n")
        path = root / "build" / "warehouse.duckdb"
    else:
        raise ValueError(f"unknown database change {change!r}")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--stop", help="id of a stop case (default: the combined data set)")
    args = parser.parse_args()
    if args.stop:
        case = next(c for c in load_cases()["stop_cases"] if c["id"] == args.stop)
        data_dir, options = write_stop_case(case, args.out)
        print(data_dir, *options)
    else:
        data = combined()
        data.write(args.out)
        print(f"{len(data.rejected)} rejected, {len(data.clean)} clean, {len(data.file_cases)} file cases in {args.out}")


if __name__ == "__main__":
    main()
