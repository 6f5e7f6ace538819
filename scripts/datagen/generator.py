"""The driver: the order in which the tables are generated, and the rejects manifest."""
from __future__ import annotations

import csv
from pathlib import Path

from datagen.accounts import gen_account
from datagen.activities import gen_standalone_activities
from datagen.injections import plan_injections
from datagen.leads import gen_campaigns, gen_other_leads
from datagen.market import gen_competitor_prices, gen_expenses, gen_fx
from datagen.reference import gen_reference, gen_reps
from datagen.tables import MANIFEST, MANIFEST_COLUMNS
from datagen.team import gen_employee_surveys, gen_quotas_forecasts
from datagen.world import Progress, World


def step(world: World, phase: str) -> None:
    if world.progress:
        world.progress(phase, world.rows_written())


def run(out_dir: Path, scale: float, seed: int, progress: Progress | None) -> dict[str, int]:
    """Generate every table into out_dir; the order of the calls is the order of the draws."""
    world = World(out_dir, scale, seed, progress)
    plan_injections(world)
    gen_reference(world)
    gen_reps(world)
    gen_campaigns(world)
    step(world, "reference")
    for n in range(world.n_accounts):
        gen_account(world)
        if n % 5000 == 4999:
            step(world, "accounts")
    step(world, "accounts")
    gen_other_leads(world)
    step(world, "leads")
    gen_standalone_activities(world)
    gen_quotas_forecasts(world)
    gen_employee_surveys(world)
    gen_competitor_prices(world)
    gen_expenses(world)
    gen_fx(world)
    for writer in world.writers.values():
        writer.close()
    with (out_dir / f"{MANIFEST}.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(MANIFEST_COLUMNS)
        out.writerows(sorted(world.manifest))
    step(world, "done")
    return {t: w.rows for t, w in world.writers.items()}
