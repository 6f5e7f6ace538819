"""The raw data contract, read from the dbt sources YAML, and checks of a data directory."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    import duckdb

CONTRACT_MACRO = Path(__file__).resolve().parent.parent / "macros" / "staging" / "crm_contract.sql"
INPUT_ERROR_MARKERS = ("Missing raw file", "Missing required column", "CSV Error", "Invalid unicode",
                       "Invalid Input Error")


def contract_tables() -> dict[str, list[tuple[str, bool]]]:
    """{table: [(column, required in the header)]} in the contract's order."""
    return {
        table["name"]: [(col["name"], not col.get("meta", {}).get("optional_column", False))
                        for col in table["columns"]]
        for table in load_contract()
    }


def required_tables() -> set[str]:
    """The tables every contract build needs (table meta `required`); any other may be missing."""
    return {table["name"] for table in load_contract() if table.get("meta", {}).get("required")}


def load_contract() -> list[dict]:
    """The contract's tables, from the YAML block of macros/staging/crm_contract.sql."""
    text = CONTRACT_MACRO.read_text()
    return yaml.safe_load(text[text.index("# BEGIN CONTRACT"):text.index("# END CONTRACT")])


def read_header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return [name.strip().lower() for name in next(csv.reader(handle), [])]


def check_data_dir(data_dir: Path, read_rows: bool = True, source: str = "contract") -> list[str]:
    """One message per missing directory, required file or required column, or unreadable CSV; empty when all
    is well. A contract table other than a required one may be missing: it lands empty.
    For a vendor source only the directory is checked here; the landing names a missing required object.

    read_rows=False checks the headers only: the build's landing reads every row anyway, so a
    build checks headers up front and reads the rows again only to explain a failed landing.
    """
    if not data_dir.is_dir():
        return [f"data directory {data_dir} {'is not a directory' if data_dir.exists() else 'does not exist'}"]
    if source != "contract":
        return []
    import duckdb

    problems = []
    required = required_tables()
    with duckdb.connect() as con:
        for table, columns in contract_tables().items():
            path = data_dir / f"{table}.csv"
            if not path.is_file():
                if table in required or path.exists():
                    what = "not a file" if path.exists() else "missing file"
                    problems.append(f"{path}: {what} for table '{table}', which every build needs "
                                    "(see docs/DATA_CONTRACT.md)")
                continue
            problem = check_header(path, table, columns) or (check_rows(path, con) if read_rows else None)
            if problem:
                problems.append(f"{path}: {problem}")
    return problems


def check_header(path: Path, table: str, columns: list[tuple[str, bool]]) -> str | None:
    """The first problem of the header row (encoding, empty, duplicate or missing column), else None."""
    try:
        header = read_header(path)
    except UnicodeDecodeError:
        return find_csv_problem(path) or "not UTF-8; re-export the file as UTF-8"
    if not header:
        return f"empty file, expected a header row with the columns of '{table}'"
    for name in header:
        if name and header.count(name) > 1:
            return f"column '{name}' appears {header.count(name)} times in the header; keep one"
    for column, required in columns:
        if required and column not in header:
            hint = next((f"; the file looks {sep!r}-separated, export it comma-separated"
                         for sep in (";", "\t", "|") if len(header) == 1 and sep in header[0]), "")
            return f"missing required column '{column}' (table '{table}'); the header has: {', '.join(header)}{hint}"
    return None


def read_raw_csv_sql(path: Path) -> str:
    """DuckDB's read of a raw file: the same options as duckdb__read_raw_csv in macros/landing/land_raw_tables.sql."""
    quoted = str(path).replace("'", "''")
    return f"read_csv('{quoted}', all_varchar = true, header = true, delim = ',', quote = '\"', escape = '\"')"


def check_rows(path: Path, con: duckdb.DuckDBPyConnection) -> str | None:
    """None when DuckDB reads every field of `path` as the landing will, else the first problem, one line."""
    import duckdb

    try:
        # min() over every column makes DuckDB parse and UTF-8-check every field, as the landing does
        con.execute(f"select min(columns(*)) from {read_raw_csv_sql(path)}").fetchall()
    except duckdb.Error as error:
        return find_csv_problem(path) or f"unreadable CSV: {str(error).splitlines()[0]}"
    return None


def find_csv_problem(path: Path) -> str | None:
    """The first line of `path` that is not UTF-8 or not a record with as many fields as the header."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as error:
                return f"line {number} is not UTF-8 (byte 0x{line[error.start]:02x}); re-export the file as UTF-8"
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle, strict=True)
        width = len(next(reader, []))
        start = reader.line_num + 1
        try:
            for record in reader:
                if record and len(record) != width:
                    hint = "quote values that contain commas" if len(record) > width else "a row needs every column"
                    return f"line {start} has {len(record)} fields, the header has {width}; {hint}"
                start = reader.line_num + 1
        except csv.Error as error:
            return f"line {start}: {error} (a quoted value is not closed, or text follows its closing quote)"
    return None


def is_iso_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def is_input_error(message: str) -> bool:
    return any(marker in message for marker in INPUT_ERROR_MARKERS)


def lock_holder(database: Path) -> str | None:
    """None when the file can be opened for writing, else DuckDB's reason."""
    if not database.exists():
        return None
    import duckdb

    try:
        duckdb.connect(str(database)).close()
    except duckdb.IOException as error:
        return str(error).splitlines()[0]
    return None
