"""Accounts, their contacts, and everything a prospect or customer account generates."""
from __future__ import annotations

from datagen.activities import write_activity
from datagen.draw import poisson
from datagen.leads import gen_lead
from datagen.opportunities import gen_opportunity
from datagen.orders import gen_invoices, gen_order
from datagen.records import Account, Opp
from datagen.service import gen_service
from datagen.subscriptions import gen_subscriptions, gen_usage
from datagen.timeline import DAY, LAST, N_DAYS
from datagen.vocabulary import ACQ_SOURCES, INBOUND_SOURCES, INDUSTRIES, JOB_TITLES, REGION_W, REGIONS
from datagen.world import World


def gen_account(world: World) -> None:
    rand = world.rand
    rng = world.rng
    region = rand.weighted(REGION_W)
    currency, countries = REGIONS[region]
    day = 3 + int((LAST - 4) * rng.random() ** 0.8)
    created_t = rand.business_time(day)
    source = rand.weighted(ACQ_SOURCES)
    referred = ""
    if source == "referral" and world.counters["accounts"] > 0:
        referred = world.id_of("accounts", rand.int_between(1, world.counters["accounts"]))
    elif source == "referral":
        source = "inbound"
    acc = Account(world.next_id("accounts"), rand.company(), region, currency, world.rep_for("AE", day))
    world.write("accounts", [acc.id, acc.name, rng.choice(INDUSTRIES), region, rng.choice(countries),
                             rand.timestamp_text(created_t), acc.owner.id, rand.enum_text(source), referred])
    domain = acc.name.split()[0].lower() + acc.id.lower() + ".example"
    for n in range(1 + poisson(rng, 1.5 * world.density ** 0.5)):
        contact_id = world.next_id("contacts")
        acc.contacts.append(contact_id)
        name, email = rand.person(domain)
        world.write("contacts", [contact_id, acc.id, name, email, f"+{rand.int_between(1, 49)} 555 {rand.int_between(1000, 9999)}",
                                 rng.choice(JOB_TITLES), rand.timestamp_text(created_t if n == 0 else rand.business_time(rand.int_between(day, LAST)))])
    has_lead = rng.random() < (0.5 if source == "outbound" else 0.85)
    lead_id = world.next_id("leads") if has_lead else ""
    customer = rng.random() < (0.72 if has_lead else 0.55)
    orders_only = customer and rng.random() < 0.15
    acquired: int | None = None
    opps: list[Opp] = []
    if not orders_only:
        outcome = "won" if customer else rand.weighted((("lost", 75), ("open", 25)))
        first = gen_opportunity(world, acc, "new_business", rand.business_time(min(LAST, day + rand.int_between(0, 10))), outcome,
                                acc.owner, lead_id)
        opps.append(first)
        acquired = first.close_day if first.won else None
    elif day + 20 <= LAST:
        acquired = day + rand.int_between(0, 20)
    if has_lead:
        world.converted_leads += 1
        source_l = {"inbound": rand.weighted(INBOUND_SOURCES)}.get(source, source)
        lead_t = created_t - min(day, 3 + int(rng.expovariate(1 / 12))) * DAY
        gen_lead(world, lead_id, lead_t, source_l, acc.name,
                 (acc.id, created_t, opps[0].created_t if opps else None,
                  None if acquired is None else acquired * DAY + 18 * 3600 + 1800))
    if acquired is None:
        for _ in range(poisson(rng, 1.0 * world.density)):
            t = rand.business_time(rand.int_between(day, LAST))
            opps.append(gen_opportunity(world, acc, "new_business", t, rand.weighted((("lost", 80), ("open", 20))),
                                        world.rep_for("AE", t // DAY)))
        return
    gen_customer(world, acc, acquired, opps, orders_only)


def gen_customer(world: World, acc: Account, acquired: int, opps: list[Opp], orders_only: bool) -> None:
    rand = world.rand
    rng = world.rng
    life = (LAST - acquired) / N_DAYS
    for _ in range(poisson(rng, 3.8 * world.density * life)):
        day = rand.int_between(min(acquired + 10, LAST), LAST)
        deal = rand.weighted((("upsell", 35), ("cross_sell", 25), ("renewal", 30), ("new_business", 10)))
        outcome = rand.weighted((("won", 55), ("lost", 45)))
        opps.append(gen_opportunity(world, acc, deal, rand.business_time(day), outcome, world.rep_for("AM", day)))
    subscriber = not orders_only and rng.random() < 0.8
    buyer = not subscriber or rng.random() < 0.55
    orders: list[tuple[str, float, int, str]] = []
    won = [o for o in opps if o.won]
    if buyer:
        first_day = acquired if orders_only else min(LAST, acquired + rand.int_between(0, 7))
        orders.append(gen_order(world, acc, first_day, won[0] if won else None, "completed"))
        for _ in range(poisson(rng, 7.0 * world.density * life)):
            orders.append(gen_order(world, acc, rand.int_between(acquired, LAST), None))
    for opp in won[1:]:
        if opp.deal_type in ("new_business", "cross_sell") and opp.close_day is not None and (buyer or rng.random() < 0.4):
            orders.append(gen_order(world, acc, min(LAST, opp.close_day + rand.int_between(0, 5)), opp))
    gen_invoices(world, acc, won, orders)
    active = gen_subscriptions(world, acc, acquired, won) if subscriber else []
    gen_usage(world, acc, active)
    gen_service(world, acc, acquired, life)
    for _ in range(poisson(rng, 4.0 * world.density * life)):
        day = rand.int_between(acquired, LAST)
        kind = rand.weighted((("call", 35), ("email", 30), ("meeting", 12), ("video_meeting", 13), ("follow_up", 10)))
        direction = "inbound" if rng.random() < 0.2 else "outbound"
        outcome = {"call": rand.weighted((("completed", 75), ("no_answer", 25))) if direction == "outbound" else "completed",
                   "email": "none",
                   "follow_up": "none"}.get(kind, rand.weighted((("completed", 90), ("no_show", 10))))
        write_activity(world, kind, direction, world.rep_for("AM", day), rand.business_time(day), outcome,
                       contact=rng.choice(acc.contacts), account=acc.id)

