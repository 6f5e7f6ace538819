"""Checks of a DuckDB file given on the command line, before anything opens it for real.

Each problem is one DatabaseProblem with the pipeline's exit code: 2 (bad input) for what
the user must fix (a directory, a file that is not DuckDB, a file or directory that cannot
be written, a parent that is a file), 3 (locked) only for a lock held by another process.
DuckDB's own open errors are sorted the same way (database_errors), for the window between
a check and the real open.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

EXIT_BAD_INPUT, EXIT_LOCKED = 2, 3
DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file (after an 8-byte checksum)
LOCK_MARKERS = ("Could not set lock on file", "Conflicting lock is held")
LOCK_HINT = "Close the reader, or point BI tools at the published BI file instead."


# dbt-duckdb names the catalog after the file's stem and writes it into SQL unescaped
WAREHOUSE_STEM = re.compile(r"[A-Za-z0-9_-]+")


class DatabaseProblem(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


def is_lock_error(message: str) -> bool:
    return any(marker in message for marker in LOCK_MARKERS)


def locked(database: Path, reason: str) -> DatabaseProblem:
    return DatabaseProblem(EXIT_LOCKED, f"{database} is locked by another process ({reason}). {LOCK_HINT}")


def check_database(database: Path, write: bool, try_open: bool = True) -> None:
    """Raises DatabaseProblem when `database` cannot be opened as a DuckDB file.

    write=True: a build or a publish target, which may not exist yet (its directory is
    created, so every existing ancestor must be a writable directory); write=False: an
    existing file that is only read. try_open=False skips DuckDB's open (a publish target
    is replaced by a rename: its readers do not stop it).
    """
    _check_parent(database, write)
    if database.is_dir():
        raise DatabaseProblem(EXIT_BAD_INPUT, f"{database} is a directory, not a DuckDB database file")
    if not database.exists():
        if not write:
            raise DatabaseProblem(EXIT_BAD_INPUT, f"{database} does not exist: run `pipeline.py build` first")
        return
    if not database.is_file():
        raise DatabaseProblem(EXIT_BAD_INPUT, f"{database} is not a regular file, not a DuckDB database file")
    if not os.access(database, os.R_OK):
        raise DatabaseProblem(EXIT_BAD_INPUT, f"{database} is not readable (check its permissions)")
    if write and not os.access(database, os.W_OK):
        raise DatabaseProblem(EXIT_BAD_INPUT, f"{database} is not writable (a read-only or immutable file): "
                                              "fix its permissions or choose another --database")
    if not is_duckdb_file(database):
        raise DatabaseProblem(EXIT_BAD_INPUT, f"{database} is not a DuckDB database file: choose another file "
                                              "name, or delete it if it is yours")
    if try_open:
        _check_open(database, write)


def is_duckdb_file(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(12)[8:12] == DUCKDB_MAGIC


def _check_parent(database: Path, write: bool) -> None:
    """The nearest existing ancestor must be a directory (writable, when the file is to be written)."""
    ancestor = database.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise DatabaseProblem(EXIT_BAD_INPUT, f"{database}: {ancestor} is a file, not a directory")
    if write and not os.access(ancestor, os.W_OK | os.X_OK):
        raise DatabaseProblem(EXIT_BAD_INPUT, f"{database}: directory {ancestor} is not writable")


def _check_open(database: Path, write: bool) -> None:
    import duckdb

    with database_errors(database):
        duckdb.connect(str(database), read_only=not write).close()


@contextmanager
def database_errors(database: Path) -> Iterator[None]:
    """Turns DuckDB's error on opening or reading `database` into a DatabaseProblem (3 for a lock, else 2)."""
    import duckdb

    try:
        yield
    except duckdb.Error as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        if is_lock_error(first_line):
            raise locked(database, first_line) from error
        raise DatabaseProblem(EXIT_BAD_INPUT, f"{database}: {first_line}") from error


def check_warehouse_name(database: Path) -> None:
    """A file dbt builds into needs a plain stem: dbt-duckdb uses it, unquoted, as the catalog name."""
    if not WAREHOUSE_STEM.fullmatch(database.stem):
        raise DatabaseProblem(EXIT_BAD_INPUT, f"--database {database}: dbt names the warehouse after its file name, "
                                              f"so {database.name!r} may hold only letters, digits, _ and - before "
                                              "the extension (the directories may hold anything)")
