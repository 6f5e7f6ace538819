"""Reference tables (commission plans, stages, locations, products) and the sales team."""
from __future__ import annotations

from datetime import timedelta

from datagen.draw import money
from datagen.records import Rep
from datagen.timeline import DATES, LAST, MONTH_END, MONTHS, START
from datagen.vocabulary import COMMISSION_PLANS, LOCATIONS, PIPELINE_STAGES, PRODUCTS, REGION_W, ROLE_BASE, TEAM_NAMES
from datagen.world import World


def gen_reference(world: World) -> None:
    rand = world.rand
    for role, *rates in COMMISSION_PLANS:
        world.write("commission_plans", [rand.enum_text(role), *rates])
    for stage, order, prob, closed, won in PIPELINE_STAGES:
        world.write("pipeline_stages", [stage, str(order), prob, rand.bool_text(closed), rand.bool_text(won)])
    for name, kind, region, country in LOCATIONS:
        world.write("locations", [world.next_id("locations"), name, rand.enum_text(kind), region, country])
    for name, category, price, cost, currency, is_sub in PRODUCTS:
        world.write("products", [world.next_id("products"), name, category, money(price), money(cost),
                                 currency, rand.bool_text(is_sub)])


def new_rep(world: World, role: str, region: str, team: str, manager_id: str, hire_day: int) -> Rep:
    rep = Rep(world.next_id("sales_reps"), role, region, manager_id, team, hire_day)
    world.reps.append(rep)
    return rep


def gen_reps(world: World) -> None:
    rand = world.rand
    rng, k = world.rng, world.scale ** 0.75
    vp = new_rep(world, "MANAGER", "NA", "Leadership", "", -rand.int_between(900, 2500))
    managers = []
    for j in range(max(1, round(3 * k))):
        region = ("NA", "EMEA", "UK")[j % 3]
        team = f"{TEAM_NAMES[region]} {j // 3 + 1}"
        managers.append(new_rep(world, "MANAGER", region, team, vp.id, -rand.int_between(200, 1800)))
    for role, base in ROLE_BASE.items():
        for _ in range(max(2, round(base * k))):
            region = rand.weighted(REGION_W)
            mgr = rng.choice([m for m in managers if m.region == region] or managers)
            new_rep(world, role, mgr.region, mgr.team, mgr.id, -rand.int_between(30, 1500))
    sellers = [r for r in world.reps if r.role != "MANAGER"]
    for rep in rng.sample(sellers, max(3, round(0.15 * len(sellers)))):
        rep.term_day = rand.int_between(45, LAST - 20)
        if rep.term_day + 20 < LAST:
            new_rep(world, rep.role, rep.region, rep.team, rep.manager_id, rep.term_day + rand.int_between(3, 20))
    for rep in world.reps:
        name, email = rand.person("crm-kpi.example")
        term = "" if rep.term_day is None else DATES[rep.term_day]
        world.write("sales_reps", [rep.id, name, email, rand.enum_text(rep.role), rep.team, rep.manager_id, rep.region,
                                   (START + timedelta(days=rep.hire_day)).isoformat(), term])
    for m, first in enumerate(MONTHS):
        for role in ("AE", "AM", "SDR", "BDR", "MANAGER"):
            world.active[(role, m)] = [r for r in world.reps if r.role == role and r.active_on(first)
                                       and r.active_on(MONTH_END[m])]

