"""Opportunities: their stage path and history, quotes and deal activities."""
from __future__ import annotations

import math

from datagen.activities import write_activity
from datagen.draw import money, poisson
from datagen.records import Account, Opp, Rep
from datagen.timeline import DATES, DAY, END_T, MONTH_OF
from datagen.vocabulary import OPEN_STAGES, USD_VALUE
from datagen.world import World


def stage_path(world: World, outcome: str) -> list[str]:
    rand = world.rand
    rng = world.rng
    if outcome == "won":
        top = 5 if rng.random() < 0.7 else 4
    else:
        top = rng.choices((1, 2, 3, 4, 5), (22, 25, 22, 18, 13))[0]
    first = 1 if rng.random() < 0.85 or top == 1 else 2
    path = [s for n, s in enumerate(OPEN_STAGES[first - 1:top], first)
            if n in (first, top) or rng.random() > 0.12]
    if len(path) >= 3 and rng.random() < 0.08:
        i = rand.int_between(1, len(path) - 1)
        path = path[:i + 1] + [path[i - 1], path[i]] + path[i + 1:]
    if outcome != "open":
        path.append("closed_won" if outcome == "won" else "closed_lost")
    return path


def gen_opportunity(world: World, acc: Account, deal_type: str, created_t: int, outcome: str, owner: Rep,
                    lead_id: str = "") -> Opp:
    rand = world.rand
    rng = world.rng
    opp_id = world.next_id("opportunities")
    created_day = created_t // DAY
    r = rng.random()                       # a few quick wins and enterprise deals around the usual cycle
    mu, sigma = (2.2, 0.4) if r < 0.12 else (5.2, 0.3) if r < 0.22 else (3.6 if deal_type == "new_business" else 3.1, 0.6)
    cycle = max(3, int(rng.lognormvariate(mu, sigma)))
    close_t = rand.business_time(created_day + cycle)
    closes = close_t <= END_T and outcome != "open"
    path = stage_path(world, outcome if closes else "open")
    gaps = sorted(rng.uniform(0.02, 0.95) for _ in range(len(path) - (2 if closes else 1)))
    times = [created_t] + [created_t + int((close_t - created_t) * g) for g in gaps]
    times = times + [close_t] if closes else times
    for k in range(1, len(times)):
        times[k] = max(times[k], times[k - 1] + 60)
    kept = [(s, t) for s, t in zip(path, times) if t <= END_T]
    for stage, t in kept:
        world.write("opportunity_stage_history", [opp_id, rand.enum_text(stage), rand.timestamp_text(t)])
    base = {"new_business": 14000, "upsell": 6000, "cross_sell": 5000, "renewal": 9000}[deal_type]
    amount = round(rng.lognormvariate(math.log(base), 0.5) / USD_VALUE[acc.currency], 2)
    won = closes and outcome == "won"
    opp = Opp(opp_id, deal_type, created_t, close_t // DAY if closes else None, won, owner)
    label = deal_type.replace("_", " ").title()
    world.write("opportunities", [opp_id, acc.id, lead_id, owner.id, f"{acc.name} - {label}", rand.enum_text(deal_type),
                                  rand.timestamp_text(created_t), DATES[close_t // DAY] if closes else "",
                                  rand.enum_text(kept[-1][0]), money(amount), acc.currency])
    if won:
        world.won[(owner.id, MONTH_OF[close_t // DAY])] += amount * USD_VALUE[acc.currency]
    gen_quotes(world, acc, opp, kept, amount, closes)
    gen_deal_activities(world, acc, opp, kept, min(close_t, END_T))
    return opp


def gen_quotes(world: World, acc: Account, opp: Opp, kept: list[tuple[str, int]], amount: float, closes: bool) -> None:
    rand = world.rand
    rng = world.rng
    proposal = next((t for s, t in kept if s == "proposal"), None)
    if proposal is None:
        return
    sends = [proposal + rand.int_between(3600, 30 * 3600)]
    if rng.random() < 0.15:
        sends.append(sends[0] + rand.int_between(3 * DAY, 10 * DAY))
    for n, t in enumerate(sends):
        if t > END_T:
            break
        if n < len(sends) - 1:
            status = "expired"
        elif opp.won:
            status = "accepted"
        elif closes:
            status = rand.weighted((("rejected", 65), ("expired", 35)))
        else:
            status = "sent" if END_T - t < 60 * DAY else "expired"
        quote_id = world.next_id("quotes")
        value = round(amount * rng.uniform(0.95, 1.05), 2)
        world.write("quotes", [quote_id, opp.id, acc.id, world.rep_at(opp.owner, t // DAY).id, rand.timestamp_text(t), money(value), acc.currency,
                               rand.enum_text(status)])
        if status == "accepted":
            opp.accepted_quote = (quote_id, value)


def gen_deal_activities(world: World, acc: Account, opp: Opp, kept: list[tuple[str, int]], until: int) -> None:
    rand = world.rand
    rng = world.rng
    demo = next((t for s, t in kept if s == "demo"), None)
    if demo is None and rng.random() < 0.1:
        demo = rand.int_between(opp.created_t, until)
    if demo is not None and demo <= END_T:
        t = min(until, demo + rand.int_between(0, 2 * DAY))
        write_activity(world, "demo", "outbound", opp.owner, t, rand.weighted((("completed", 90), ("no_show", 10))),
                       contact=rng.choice(acc.contacts), account=acc.id, opp=opp.id)
    for _ in range(poisson(rng, 3.0)):
        kind = rand.weighted((("call", 30), ("email", 35), ("meeting", 15), ("video_meeting", 12), ("follow_up", 8)))
        direction = "inbound" if rng.random() < (0.3 if kind == "email" else 0.08) else "outbound"
        if kind == "email":
            outcome = rand.weighted((("positive_reply", 60), ("negative_reply", 40))) if direction == "inbound" else "none"
        elif kind == "call":
            outcome = rand.weighted((("completed", 70), ("no_answer", 30))) if direction == "outbound" else "completed"
        elif kind == "follow_up":
            outcome = rand.weighted((("completed", 50), ("none", 50)))
        else:
            outcome = rand.weighted((("completed", 85), ("no_show", 15)))
        write_activity(world, kind, direction, opp.owner, rand.int_between(opp.created_t, until), outcome,
                       contact=rng.choice(acc.contacts), account=acc.id, opp=opp.id)

