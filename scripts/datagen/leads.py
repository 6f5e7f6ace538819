"""Campaigns and leads: lead stage history and the touches that work a lead."""
from __future__ import annotations

from datagen.activities import outbound_touch, write_activity
from datagen.draw import money, poisson
from datagen.records import Campaign, Rep
from datagen.timeline import DATES, DAY, END_T, LAST
from datagen.vocabulary import CHANNELS, LEAD_SOURCES, MARKETING_SOURCES, SOURCE_CHANNELS
from datagen.world import World


def gen_campaigns(world: World) -> None:
    rand = world.rand
    rng = world.rng
    for i in range(max(4, round(10 * world.scale ** 0.5))):
        channel = CHANNELS[i % len(CHANNELS)] if i < len(CHANNELS) else rng.choice(CHANNELS)
        start = rand.int_between(0, LAST - 90)
        end = min(LAST, start + rand.int_between(45, 240))
        currency = rand.weighted((("USD", 75), ("EUR", 15), ("GBP", 10)))
        budget = round(rng.uniform(3000, 20000) * world.scale ** 1.25, -2)
        camp = Campaign(world.next_id("campaigns"), channel, start, end, budget, currency, i % 3 != 1)
        world.campaigns.append(camp)
        season = ("Winter", "Spring", "Summer", "Autumn")[int(DATES[start][5:7]) % 12 // 3]
        world.write("campaigns", [camp.id, f"{season} {DATES[start][:4]} {channel.replace('_', ' ').title()}",
                                  rand.enum_text(channel), DATES[start], DATES[end], money(budget), currency])


def campaign_for(world: World, source: str, day: int) -> str:
    if world.rng.random() < (0.3 if source == "web" else 0.15):
        return ""
    fits = [c for c in world.campaigns if c.start <= day <= c.end and c.channel in SOURCE_CHANNELS[source]]
    return world.rng.choice(fits).id if fits else ""


def gen_lead(world: World, lead_id: str, created_t: int, source: str, company: str,
             converted: tuple[str, int, int | None, int | None] | None = None) -> None:
    """converted = (account_id, converted_t, opportunity_t, customer_t)."""
    rand = world.rand
    rng = world.rng
    origin = "marketing" if source in MARKETING_SOURCES else "sales"
    day = created_t // DAY
    owner = world.rep_for("SDR" if origin == "marketing" else ("BDR" if source == "outbound" else "AE"), day)
    campaign = campaign_for(world, source, day) if SOURCE_CHANNELS[source] else ""
    name, email = rand.person(company.split()[0].lower() + ".example")
    conv_acc, conv_t = (converted[0], converted[1]) if converted else ("", 0)
    world.write("leads", [lead_id, rand.timestamp_text(created_t), name, email, company, rand.enum_text(source), rand.enum_text(origin),
                          campaign, owner.id, conv_acc, rand.timestamp_text(conv_t) if converted else ""])
    gen_lead_stages(world, lead_id, created_t, origin, converted)
    if rng.random() < (0.97 if converted else 0.8):
        gen_lead_touches(world, lead_id, created_t, owner, (conv_t - created_t) if converted else 30 * DAY,
                         converted is not None)


def gen_lead_stages(world: World, lead_id: str, created_t: int, origin: str,
                    converted: tuple[str, int, int | None, int | None] | None) -> None:
    """lead -> (mql) -> sql -> opportunity -> customer when converted, else at most sql and maybe disqualified."""
    rand = world.rand
    rng = world.rng
    stages: list[tuple[str, int]] = [("lead", created_t)]
    if converted:
        span = converted[1] - created_t
        if origin == "marketing" and rng.random() < 0.85:
            stages.append(("mql", created_t + int(span * rng.uniform(0.1, 0.4))))
        stages.append(("sql", created_t + int(span * rng.uniform(0.5, 0.95))))
        if converted[2] is not None:
            stages.append(("opportunity", converted[2]))
        if converted[3] is not None:
            stages.append(("customer", converted[3]))
    else:
        t = created_t
        for stage, p in (("mql", 0.45 if origin == "marketing" else 0.0), ("sql", 0.35)):
            if rng.random() < p or (stage == "sql" and origin == "sales" and rng.random() < 0.4):
                t += rand.int_between(DAY, 20 * DAY)
                stages.append((stage, t))
        if rng.random() < 0.45:
            stages.append(("disqualified", t + rand.int_between(2 * DAY, 40 * DAY)))
    for stage, t in stages:
        if t <= END_T:
            world.write("lead_stage_history", [lead_id, rand.enum_text(stage), rand.timestamp_text(t)])


def gen_lead_touches(world: World, lead_id: str, created_t: int, owner: Rep, window: int, converted: bool) -> None:
    """Outbound touches spread over the window (up to conversion), then maybe a response and a meeting."""
    rand = world.rand
    rng = world.rng
    n = 1 + poisson(rng, rng.choice((1.0, 3.5, 7.0)) if converted else 1.4)
    if rng.random() < 0.06:                                    # a long nurture sequence
        n += 6 + poisson(rng, 4)
    t = created_t + min(int(rng.expovariate(1 / (16 * 3600))), max(window // 3, 3600))
    times = []
    for _ in range(n):
        if t > END_T:
            break
        times.append(t)
        t += max(1800, int(window / n * rng.uniform(0.4, 1.2)))
    for t in times:
        outbound_touch(world, owner, t, lead_id)
    if times and rng.random() < (0.85 if converted else 0.3):
        t = rng.choice(times) + rand.int_between(2 * 3600, 3 * DAY)
        outcome = rand.weighted((("positive_reply", 45), ("meeting_booked", 45), ("negative_reply", 10)) if converted
                                else (("positive_reply", 25), ("meeting_booked", 15), ("negative_reply", 60)))
        if t <= END_T:
            write_activity(world, rand.weighted((("email", 70), ("call", 30))), "inbound", owner, t, outcome, lead=lead_id)
        t += rand.int_between(DAY, 6 * DAY)
        if outcome == "meeting_booked" and t <= END_T:
            write_activity(world, rng.choice(("meeting", "video_meeting")), "outbound", owner, t,
                           rand.weighted((("completed", 85), ("no_show", 15))), lead=lead_id)


def gen_other_leads(world: World) -> None:
    rand = world.rand
    rng = world.rng
    for _ in range(max(0, round(600 * world.big) - world.converted_leads)):
        day = int(LAST * rng.random() ** 0.85)
        gen_lead(world, world.next_id("leads"), rand.business_time(day), rand.weighted(LEAD_SOURCES), rand.company())

