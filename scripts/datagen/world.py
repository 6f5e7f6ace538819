"""The state shared by the table generators: draws, writers, ids, reps, campaigns, wins."""
from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path
from typing import Callable

from datagen.draw import Draw
from datagen.records import Campaign, Rep
from datagen.tables import COLUMNS, ID_SPEC, expected_rows
from datagen.timeline import LAST, MONTH_OF
from datagen.writer import Writer

Progress = Callable[[str, int], None]


class World:
    """One generation run: its sizes, its open table writers and what later tables depend on."""

    def __init__(self, out_dir: Path, scale: float, seed: int, progress: Progress | None) -> None:
        self.rng = random.Random(seed)
        self.rand = Draw(self.rng)
        self.scale = scale
        self.big = scale ** 1.75
        self.n_accounts = max(20, round(150 * self.big))
        self.size = self.n_accounts / 150
        self.density = self.big / self.size           # per-account intensity: 1 unless the 20-account floor applies
        self.progress = progress
        self.counters = {t: 0 for t in ID_SPEC}
        self.widths = {t: max(ID_SPEC[t][1], len(str(expected_rows(t, scale) * 4))) for t in ID_SPEC}
        self.special = 0
        self.manifest: list[tuple[str, int, str, str]] = []
        self.won: dict[tuple[str, int], float] = defaultdict(float)      # (rep_id, month) -> USD
        self.reps: list[Rep] = []
        self.active: dict[tuple[str, int], list[Rep]] = {}
        self.campaigns: list[Campaign] = []
        self.converted_leads = 0
        self.churn_in_last_month = False
        out_dir.mkdir(parents=True, exist_ok=True)
        self.writers = {t: Writer(out_dir, t, cols, self.fresh_key, self.manifest) for t, cols in COLUMNS.items()}

    def write(self, table: str, row: list[str]) -> None:
        self.writers[table].write(row)

    def rows_written(self) -> int:
        return sum(w.rows for w in self.writers.values())

    # ---- ids -------------------------------------------------------------------------------
    def id_of(self, table: str, n: int) -> str:
        return f"{ID_SPEC[table][0]}{n:0{self.widths[table]}d}"

    def next_id(self, table: str) -> str:
        self.counters[table] += 1
        return self.id_of(table, self.counters[table])

    def special_id(self, table: str, orphan: bool) -> str:
        """Ids outside the generated range: fresh ones count down from 99..9, orphans up from 50..0."""
        self.special += 1
        top = 10 ** self.widths[table]
        return self.id_of(table, top // 2 + self.special if orphan else top - self.special)

    def fresh_key(self, table: str, row: list[str]) -> None:
        if table in ID_SPEC:
            row[0] = self.special_id(table, orphan=False)
        elif table == "order_lines":
            self.special += 1
            row[1] = str(90 + self.special)

    # ---- reps ------------------------------------------------------------------------------
    def rep_for(self, role: str, day: int) -> Rep:
        """A rep of the role active that month (any active that day if none is all month)."""
        reps = self.active.get((role, MONTH_OF[min(max(day, 0), LAST)]))
        if not reps:
            reps = [r for r in self.reps if r.role == role and r.active_on(day)] or self.reps[:1]
        return self.rng.choice(reps)

    def rep_at(self, rep: Rep, day: int) -> Rep:
        """The rep if still active on the day, else a colleague of the same role."""
        return rep if rep.active_on(day) else self.rep_for(rep.role, day)
