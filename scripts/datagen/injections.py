"""The plan of deliberately bad rows: where each goes and how it breaks the contract."""
from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

from datagen.tables import CLOSE_BEFORE, COLUMNS, FOREIGN_PARENT, INJECTIONS, ORPHAN, expected_rows
from datagen.timeline import DATES, START
from datagen.world import World
from datagen.writer import Injection, Mutation


def plan_injections(world: World) -> None:
    rand = world.rand
    copies = 1 + int(math.log10(world.scale)) if world.scale >= 1 else 1
    plans: dict[str, list[Injection]] = defaultdict(list)
    for table, reason, column, value in INJECTIONS:
        for _ in range(copies):
            after = rand.int_between(1, max(1, int(expected_rows(table, world.scale) * 0.9)))
            if value is None:
                plans[table].append(Injection(after, reason, column, None, rand.int_between(1, max(1, after - 1))))
            else:
                plans[table].append(Injection(after, reason, column, mutation(world, table, column, value)))
    for table, plan in plans.items():
        world.writers[table].add_plan(plan)


def mutation(world: World, table: str, column: str, value: str) -> Mutation:
    rand = world.rand
    cols = COLUMNS[table]
    i = cols.index(column)
    if value == ORPHAN:
        value = world.special_id(FOREIGN_PARENT[column], orphan=True)
    if value == CLOSE_BEFORE:
        ic, ist = cols.index("created_at"), cols.index("stage")

        def close_before_create(row: list[str]) -> None:
            day = max(30, (date.fromisoformat(row[ic][:10]) - START).days)
            row[ic] = rand.timestamp_text(rand.business_time(day))
            row[i] = DATES[day - rand.int_between(1, 20)]
            row[ist] = rand.enum_text("closed_lost")
        return close_before_create
    clear = cols.index("social_kind") if column == "activity_type" else None

    def set_value(row: list[str]) -> None:
        row[i] = value
        if clear is not None:
            row[clear] = ""
    return set_value
