"""Rep quotas and forecasts, and the monthly employee survey."""
from __future__ import annotations

from datagen.draw import money
from datagen.timeline import DATES, MONTH_END, MONTH_OF, MONTHS
from datagen.vocabulary import ENPS_W, USD_VALUE
from datagen.world import World


def gen_quotas_forecasts(world: World) -> None:
    """AE quotas are quarterly, AM quotas monthly (from the 4th month), both set around what the rep won."""
    rand = world.rand
    rng = world.rng
    periods = {"AE": [(MONTHS[q], MONTH_END[q + 2]) for q in range(0, len(MONTHS), 3)],
               "AM": [(MONTHS[m], MONTH_END[m]) for m in range(3, len(MONTHS))]}     # AM books build up first
    rows = [(rep, first, last, sum(world.won.get((rep.id, m), 0.0) for m in range(MONTH_OF[first], MONTH_OF[last] + 1)))
            for rep in world.reps if rep.role in periods for first, last in periods[rep.role] if rep.active_on(first)]
    typical = {role: [won for rep, _, _, won in rows if rep.role == role and won > 0] or [10000.0] for role in periods}
    for rep, first, last, won in rows:
        usual = sum(typical[rep.role]) / len(typical[rep.role])
        quota = max(100.0, round((0.6 * won + 0.4 * usual) * rng.uniform(0.8, 1.25) / USD_VALUE[rep.currency], -2))
        world.write("quotas", [rep.id, DATES[first], DATES[last], money(quota), rep.currency])
        forecast = won / USD_VALUE[rep.currency] * rng.uniform(0.75, 1.25) if won else quota * rng.uniform(0.2, 0.5)
        submitted = rand.business_time(min(last - 1, first + rand.int_between(2, 10)))
        world.write("forecasts", [rep.id, DATES[first], DATES[last], money(forecast), rep.currency,
                                  rand.timestamp_text(submitted)])


def gen_employee_surveys(world: World) -> None:
    """A monthly eNPS pulse; a bigger share of the team answers in the quarter's last month."""
    rand = world.rand
    rng = world.rng
    for m, first in enumerate(MONTHS):
        share = 0.8 if DATES[first][5:7] in ("03", "06", "09", "12") else 0.25
        for rep in world.reps:
            day = rand.int_between(first, MONTH_END[m])
            if rep.active_on(day) and rng.random() < share:
                world.write("employee_surveys", [world.next_id("employee_surveys"), rep.id, rand.timestamp_text(rand.business_time(day)),
                                                 str(rng.choices(range(11), ENPS_W)[0])])

