"""Support tickets with CSAT answers, and NPS answers."""
from __future__ import annotations

from datagen.draw import poisson
from datagen.records import Account
from datagen.timeline import DAY, END_T, LAST
from datagen.vocabulary import CSAT_W, NPS_W
from datagen.world import World


def gen_service(world: World, acc: Account, acquired: int, life: float) -> None:
    """Support tickets with CSAT answers, and NPS answers."""
    rand = world.rand
    rng = world.rng
    for _ in range(poisson(rng, 6.0 * world.density * life)):
        ticket_id = world.next_id("support_tickets")
        channel = rand.weighted((("phone", 30), ("email", 40), ("chat", 30)))
        kind = rand.weighted((("inquiry", 60), ("issue", 40)))
        opened = rand.business_time(rand.int_between(acquired, LAST))
        mean_wait = {"phone": 600, "chat": 300, "email": 5 * 3600}[channel]
        first = opened + 60 + int(rng.expovariate(1 / mean_wait)) if rng.random() > 0.04 else None
        resolved = None
        if first is not None and rng.random() < 0.88:
            resolved = first + int(rng.expovariate(1 / ((1 if kind == "inquiry" else 3) * DAY)))
        first, resolved = (x if x is not None and x <= END_T else None for x in (first, resolved))
        world.write("support_tickets", [ticket_id, acc.id, rng.choice(acc.contacts), rand.enum_text(channel), rand.enum_text(kind),
                                        rand.timestamp_text(opened), rand.timestamp_text(first) if first else "",
                                        rand.timestamp_text(resolved) if resolved and first else ""])
        if resolved and first and rng.random() < 0.55:
            t = resolved + rand.int_between(600, 2 * DAY)
            if t <= END_T:
                score = rng.choices(range(1, 6), CSAT_W)[0]
                world.write("csat_responses", [world.next_id("csat_responses"), acc.id, ticket_id, rand.timestamp_text(t), str(score)])
    for _ in range(poisson(rng, 3.2 * world.density * life)):
        t = rand.business_time(rand.int_between(acquired, LAST))
        world.write("nps_responses", [world.next_id("nps_responses"), acc.id, rng.choice(acc.contacts), rand.timestamp_text(t),
                                      str(rng.choices(range(11), NPS_W)[0])])

