"""Subscriptions (plan changes, churn, reactivation) and the platform usage of active spans."""
from __future__ import annotations

from datagen.draw import money, poisson
from datagen.records import Account, Opp
from datagen.timeline import DATES, LAST, MONTH_END, MONTH_OF, MONTHS, N_DAYS
from datagen.vocabulary import PRODUCTS, USD_VALUE
from datagen.world import World


def gen_subscriptions(world: World, acc: Account, acquired: int, won: list[Opp]) -> list[tuple[int, int]]:
    """Plan changes, cross-sells, churn and reactivation; returns the account's active [start, end) spans."""
    rand = world.rand
    rng = world.rng
    start = min(LAST, acquired + rand.int_between(0, 5))
    events: list[tuple[int, str]] = [(o.close_day + rand.int_between(1, 7), "up" if o.deal_type == "upsell" else "add")
                                     for o in won[1:] if o.close_day is not None and o.deal_type in ("upsell", "cross_sell")]
    day = start + rand.int_between(25, 35)
    while day <= LAST:
        r = rng.random()
        if r < 0.15:
            events.append((day, "up" if r < 0.05 else ("down" if r < 0.095 else "churn")))
        day += rand.int_between(25, 35)
    if not world.churn_in_last_month and start < MONTHS[-1] and world.counters["accounts"] > 0.7 * world.n_accounts:
        events.append((rand.int_between(MONTHS[-1] + 1, LAST), "churn"))   # make sure the last month has a churn
    events.sort()
    subs: list[list] = []          # [product index, started_on, mrr]
    spans: list[tuple[int, int]] = []
    span_start = start
    plan = rng.choice((0, 0, 1, 1, 2))
    subs.append([plan, start, mrr(world, acc, plan)])
    k = 0
    while k < len(events):
        day, kind = events[k]
        k += 1
        if day > LAST:
            break
        if not subs:
            if kind == "reactivate":
                span_start = day
                plan = rng.choice((0, 1, 2))
                subs.append([plan, day, mrr(world, acc, plan)])
            continue
        if kind == "churn" and all(sub[1] < day for sub in subs):
            world.churn_in_last_month |= MONTH_OF[day] == len(MONTHS) - 1
            for sub in subs:
                write_subscription(world, acc, sub, day)
            subs, spans = [], spans + [(span_start, day)]
            if rng.random() < 0.35:
                events.insert(k, (day + rand.int_between(30, 200), "reactivate"))
                events[k:] = sorted(events[k:])
        elif kind == "add" and len(subs) < 3:
            subs.append([3, day, mrr(world, acc, 3)])
        elif kind in ("up", "down") and subs[0][1] < day:
            old = subs[0]
            write_subscription(world, acc, old, day)
            factor = rng.uniform(1.2, 1.8) if kind == "up" else rng.uniform(0.5, 0.85)
            plan = old[0] + 1 if kind == "up" and old[0] < 2 and rng.random() < 0.3 else old[0]
            subs[0] = [plan, day, round(old[2] * factor, 2)]
    for sub in subs:
        write_subscription(world, acc, sub, None)
    return spans + ([(span_start, N_DAYS)] if subs else [])


def mrr(world: World, acc: Account, plan: int) -> float:
    seats = max(2, int(world.rng.lognormvariate(2.3, 0.7)))
    return round(PRODUCTS[plan][2] * seats / USD_VALUE[acc.currency], 2)


def write_subscription(world: World, acc: Account, sub: list, ended: int | None) -> None:
    world.write("subscriptions", [world.next_id("subscriptions"), acc.id, world.id_of("products", sub[0] + 1),
                                  DATES[sub[1]], "" if ended is None else DATES[ended], money(sub[2]), acc.currency])


def gen_usage(world: World, acc: Account, spans: list[tuple[int, int]]) -> None:
    rng = world.rng
    for first, end in spans:
        m = MONTH_OF[first]
        while m < len(MONTHS) and MONTHS[m] < end:
            lo, hi = max(first, MONTHS[m]), min(end - 1, MONTH_END[m])
            days = range(lo, hi + 1)
            for day in sorted(rng.sample(days, min(len(days), poisson(rng, 2.2 * world.density)))):
                world.write("platform_usage", [acc.id, DATES[day], str(int(rng.lognormvariate(4.5, 0.9)))])
            m += 1

