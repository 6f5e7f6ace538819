"""The raw data contract, read from the dbt sources YAML, and checks of a data directory."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import yaml

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


def load_contract() -> list[dict]:
    """The contract's tables, from the YAML block of macros/staging/crm_contract.sql."""
    text = CONTRACT_MACRO.read_text()
    return yaml.safe_load(text[text.index("# BEGIN CONTRACT"):text.index("# END CONTRACT")])


def read_header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return [name.strip().lower() for name in next(csv.reader(handle), [])]


def check_data_dir(data_dir: Path) -> list[str]:
    """One message per missing directory, file or required column; empty when all is there."""
    if not data_dir.is_dir():
        return [f"data directory {data_dir} does not exist"]
    problems = []
    for table, columns in contract_tables().items():
        path = data_dir / f"{table}.csv"
        if not path.is_file():
            problems.append(f"{path}: missing file for table '{table}' (see docs/DATA_CONTRACT.md)")
            continue
        try:
            header = read_header(path)
        except UnicodeDecodeError as error:
            problems.append(f"{path}: not UTF-8 (byte {error.start}); re-export the file as UTF-8")
            continue
        if not header:
            problems.append(f"{path}: empty file, expected a header row with the columns of '{table}'")
            continue
        for column, required in columns:
            if required and column not in header:
                problems.append(f"{path}: missing required column '{column}' (table '{table}'); "
                                f"the header has: {', '.join(header)}")
    return problems


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
