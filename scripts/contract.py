"""The raw data contract, read from macros/staging/crm_contract.sql, and checks of a data directory."""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    import duckdb

CONTRACT_MACRO = Path(__file__).resolve().parent.parent / "macros" / "staging" / "crm_contract.sql"
# DuckDB's read_csv refuses a record (a line, or several when a quoted value holds newlines)
# longer than max_line_size; the landing sets DuckDB's default (2 MiB) explicitly, as its
# larger buffer_size would otherwise lift it
DUCKDB_MAX_LINE_BYTES = 2_000_000
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
YEAR_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
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
    return (f"read_csv('{quoted}', all_varchar = true, header = true, delim = ',', quote = '\"', escape = '\"', "
            "buffer_size = 67108864, max_line_size = 2097152)")


def check_rows(path: Path, con: duckdb.DuckDBPyConnection) -> str | None:
    """None when DuckDB reads every field of `path` as the landing will, else the first problem, one line."""
    import duckdb

    try:
        # min() over every column makes DuckDB parse and UTF-8-check every field, as the landing does
        con.execute(f"select min(columns(*)) from {read_raw_csv_sql(path)}").fetchall()
    except duckdb.Error as error:
        return find_csv_problem(path) or f"unreadable CSV: {duckdb_error_summary(str(error))}"
    return None


def duckdb_error_summary(message: str) -> str:
    """The line of a DuckDB CSV error that says what is wrong (its first line only gives a line number,
    often wrong, and the next one repeats the whole record)."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    for line in lines[1:]:
        if not line.startswith(("Original Line:", "LINE ")) and "=" not in line[:30]:
            return f"{lines[0]}: {line}"[:300]
    return lines[0][:300] if lines else message


class _ByteCounter:
    """Yields the lines of a text file and counts their UTF-8 bytes, for the size of each csv record."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = lines
        self.bytes = 0

    def __iter__(self) -> Iterator[str]:
        for line in self._lines:
            self.bytes += len(line.encode("utf-8"))
            yield line


def find_csv_problem(path: Path) -> str | None:
    """The first line of `path` that is not UTF-8 or not a record with as many fields as the header."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as error:
                return f"line {number} is not UTF-8 (byte 0x{line[error.start]:02x}); re-export the file as UTF-8"
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)  # a long field is measured against DuckDB's limit below, not csv's 128 kB
    try:
        return _find_record_problem(path)
    finally:
        csv.field_size_limit(limit)


def _find_record_problem(path: Path) -> str | None:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        counter = _ByteCounter(handle)
        reader = csv.reader(counter, strict=True)
        header = next(reader, [])
        width = len(header)
        start, used = reader.line_num + 1, counter.bytes
        try:
            for record in reader:
                size, used = counter.bytes - used, counter.bytes
                if size > DUCKDB_MAX_LINE_BYTES:
                    return too_long(start, size, header, record)
                if record and len(record) != width:
                    hint = "quote values that contain commas" if len(record) > width else "a row needs every column"
                    return f"line {start} has {len(record)} fields, the header has {width}; {hint}"
                start = reader.line_num + 1
        except csv.Error as error:
            return f"line {start}: {error} (a quoted value is not closed, or text follows its closing quote)"
    return None


def too_long(line: int, size: int, header: list[str], record: list[str]) -> str:
    longest = max(range(len(record)), key=lambda i: len(record[i]))
    column = header[longest].strip() if longest < len(header) else f"field {longest + 1}"
    return (f"line {line} is {size:,} bytes long, over DuckDB's limit of {DUCKDB_MAX_LINE_BYTES:,} bytes per "
            f"record (column '{column}' holds {len(record[longest].encode('utf-8')):,} bytes); "
            "shorten that value in the export")


def is_iso_date(value: str) -> bool:
    """YYYY-MM-DD and a real date (date.fromisoformat alone also takes 20250630 and 2026-W01-1)."""
    if not ISO_DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_year_month(value: str) -> bool:
    return bool(YEAR_MONTH.fullmatch(value)) and is_iso_date(f"{value}-01")


def check_reporting_currency(fx_rates: Path, currency: str) -> list[str]:
    """A message when `fx_rates` (a fx_rates.csv) holds rates but none from or to `currency`, else [].

    The staging converts an amount in X with a rate X -> reporting currency, or with 1 / the rate
    reporting currency -> X: with no row naming the reporting currency, every amount in another
    currency would be rejected (missing_fx_rate) and the KPIs would read zero. Skipped when the
    file does not exist (the file checks name it) or cannot be read (the landing names the line).
    """
    if not fx_rates.is_file():
        return []
    import duckdb

    wanted = currency.strip().upper()
    try:
        with duckdb.connect() as con:
            # the path is a parameter, never formatted into the SQL; the header may be padded or upper-case
            read = "read_csv($path, all_varchar = true, header = true, delim = ',', quote = '\"', escape = '\"')"
            path = {"path": str(fx_rates)}
            described = con.execute(f"select column_name from (describe select * from {read})", path).fetchall()
            names = {row[0].strip().lower(): row[0] for row in described}
            if not {"from_currency", "to_currency"} <= names.keys():
                return []
            columns = [names["from_currency"], names["to_currency"]]
            currencies = sorted({row[0] for row in con.execute(
                " union ".join(f"select upper(trim({quote_name(c)})) from {read}" for c in columns)
                + " order by 1", path).fetchall() if row[0]})
    except duckdb.Error:
        return []
    if not currencies or wanted in currencies:
        return []
    shown = ", ".join(currencies[:10]) + (f" and {len(currencies) - 10} more" if len(currencies) > 10 else "")
    return [f"--currency {wanted}: {fx_rates} has no rate from or to {wanted} (its rates are between {shown}), "
            f"so no amount in another currency could be converted; add {wanted} rates or choose one of {shown}"]


def quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def is_input_error(message: str) -> bool:
    return any(marker in message for marker in INPUT_ERROR_MARKERS)


def input_error_line(message: str) -> str:
    """The one line of a dbt error that names the input problem (dbt wraps it in several)."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return next((line for line in lines if is_input_error(line)), lines[0] if lines else message)


def lock_holder(database: Path) -> str | None:
    """None when the file can be opened for writing, else DuckDB's reason."""
    if not database.exists():
        return None
    import duckdb

    try:
        duckdb.connect(str(database)).close()
    except duckdb.IOException as error:
        first_line = str(error).splitlines()[0]
        return first_line if "Could not set lock" in first_line else None
    return None
