"""The streaming CSV writer of one table, with the planned bad rows spliced in."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

Mutation = Callable[[list[str]], None]


@dataclass(order=True)
class Injection:
    after: int                                               # inject after this many good rows
    reason: str = field(compare=False)
    column: str = field(compare=False)
    mutate: Mutation | None = field(compare=False, default=None)   # None: repeat row `source`
    source: int = field(compare=False, default=0)


class Writer:
    """Streams one table to CSV, counts its rows and splices the planned bad rows in."""

    def __init__(self, out_dir: Path, table: str, columns: Sequence[str],
                 fresh_key: Callable[[str, list[str]], None], manifest: list[tuple[str, int, str, str]]) -> None:
        self.table, self.fresh_key, self.manifest = table, fresh_key, manifest
        self.file = (out_dir / f"{table}.csv").open("w", newline="", encoding="utf-8")
        self.csv = csv.writer(self.file, lineterminator="\n")
        self.csv.writerow(columns)
        self.rows = 0                 # all data rows, the bad ones included
        self.good = 0
        self.plan: list[Injection] = []
        self.wanted: set[int] = set()
        self.saved: dict[int, list[str]] = {}
        self.last: list[str] | None = None

    def add_plan(self, plan: list[Injection]) -> None:
        self.plan = sorted(plan)
        self.wanted = {i.source for i in plan if i.mutate is None}

    def write(self, row: list[str]) -> None:
        self.csv.writerow(row)
        self.rows += 1
        self.good += 1
        self.last = row
        if self.plan:
            if self.good in self.wanted:
                self.saved[self.good] = row
            while self.plan and self.plan[0].after <= self.good:
                self._inject(self.plan.pop(0))

    def _inject(self, inj: Injection) -> None:
        assert self.last is not None
        if inj.mutate is None:
            bad = list(self.saved.get(inj.source, self.last))
        else:
            bad = list(self.last)
            self.fresh_key(self.table, bad)
            inj.mutate(bad)
        self.csv.writerow(bad)
        self.rows += 1
        self.manifest.append((self.table, self.rows, inj.reason, inj.column))

    def close(self) -> None:
        while self.plan and self.last is not None:
            self._inject(self.plan.pop(0))
        self.file.close()
