"""Activity rows: one touch, outbound touches, and the standalone events and social posts."""
from __future__ import annotations

from datagen.records import Rep
from datagen.timeline import DAY, LAST
from datagen.world import World


def write_activity(world: World, kind: str, direction: str, rep: Rep, t: int, outcome: str = "none", lead: str = "",
                   contact: str = "", account: str = "", opp: str = "") -> None:
    rand = world.rand
    rng = world.rng
    if outcome in ("no_answer", "no_show"):
        minutes = rand.int_between(0, 1)
    else:
        lo, hi = {"call": (4, 30), "email": (2, 8), "meeting": (30, 90), "video_meeting": (20, 60), "demo": (30, 90),
                  "follow_up": (3, 15), "networking_event": (60, 240), "social_engagement": (1, 5)}[kind]
        minutes = rand.int_between(lo, hi)
    social = rand.enum_text(rng.choice(("like", "comment", "share", "direct_message"))) if kind == "social_engagement" else ""
    world.write("activities", [world.next_id("activities"), rand.enum_text(kind), rand.enum_text(direction), world.rep_at(rep, t // DAY).id,
                               lead, contact, account, opp, rand.timestamp_text(t),
                               "" if rng.random() < 0.04 else str(minutes), rand.enum_text(outcome), social])


def outbound_touch(world: World, rep: Rep, t: int, lead: str) -> None:
    rand = world.rand
    kind = rand.weighted((("email", 40), ("call", 30), ("social_engagement", 12), ("follow_up", 13), ("video_meeting", 5)))
    outcome = {"call": rand.weighted((("no_answer", 50), ("completed", 50))),
               "video_meeting": rand.weighted((("completed", 85), ("no_show", 15)))}.get(kind, "none")
    write_activity(world, kind, "outbound", rep, t, outcome, lead=lead)


def gen_standalone_activities(world: World) -> None:
    rand = world.rand
    rng = world.rng
    for n in range(3 + round(100 * world.big)):
        day = LAST if n < 3 else rand.int_between(0, LAST)
        kind = rand.weighted((("networking_event", 55), ("social_engagement", 45)))
        write_activity(world, kind, "outbound", world.rep_for(rng.choice(("AE", "AM", "SDR", "BDR")), day), rand.business_time(day),
                       "completed" if kind == "networking_event" else "none")

