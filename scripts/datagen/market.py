"""Competitor prices, sales and marketing expenses, and daily FX rates."""
from __future__ import annotations

import math
from datetime import timedelta

from datagen.draw import money
from datagen.timeline import DATES, END, MONTH_END, MONTH_OF, MONTHS, START
from datagen.vocabulary import COMPETITORS, CURRENCIES, EXPENSE_BASE, PRODUCTS, REGIONS, USD_VALUE
from datagen.world import World


def gen_competitor_prices(world: World) -> None:
    rand = world.rand
    rng = world.rng
    for p in (1, 4, 7, 8, 9, 11):
        _, _, price, _, currency, _ = PRODUCTS[p]
        for name in COMPETITORS:
            level = rng.uniform(0.85, 1.2)
            for m, first in enumerate(MONTHS):
                if rng.random() < 0.55:
                    day = rand.int_between(first, MONTH_END[m])
                    world.write("competitor_prices", [world.id_of("products", p + 1), name, DATES[day],
                                                      money(price * level * rng.uniform(0.95, 1.05)), currency])


def gen_expenses(world: World) -> None:
    rand = world.rand
    rng = world.rng
    for m, first in enumerate(MONTHS):
        def expense(category: str, amount: float, currency: str = "USD", campaign: str = "") -> None:
            world.write("sales_marketing_expenses", [world.next_id("sales_marketing_expenses"), DATES[first],
                                                     rand.enum_text(category), campaign, money(amount), currency])
        for category, base in EXPENSE_BASE.items():
            expense(category, base * world.size * rng.uniform(0.85, 1.15))
        for region, (currency, _) in REGIONS.items():
            heads = sum(1 for r in world.reps if r.region == region and r.active_on(first))
            if heads:
                expense("sales_salaries", heads * 1400 * rng.uniform(0.95, 1.05) / USD_VALUE[currency], currency)
        won = sum(v for (rep, month), v in world.won.items() if month == m)
        expense("commissions", max(50.0, won * 0.07))
        for camp in world.campaigns:
            if camp.has_expenses and camp.start <= MONTH_END[m] and camp.end >= first:
                months = MONTH_OF[camp.end] - MONTH_OF[camp.start] + 1
                category = {"paid_search": "advertising", "paid_social": "advertising", "event": "events",
                            "webinar": "events", "content": "content"}.get(camp.channel, "campaign")
                expense(category, camp.budget / months * rng.uniform(0.7, 1.2), camp.currency, camp.id)


def gen_fx(world: World) -> None:
    rng = world.rng
    usd = {"USD": 1.0, "EUR": USD_VALUE["EUR"], "GBP": USD_VALUE["GBP"]}   # USD per unit
    day = START - timedelta(days=5)
    while day <= END:
        if day.weekday() < 5 and (day == END or day < START - timedelta(days=2) or rng.random() > 0.03):
            for c in ("EUR", "GBP"):
                usd[c] *= math.exp(rng.gauss(0, 0.004))
            for a in CURRENCIES:
                for b in CURRENCIES:
                    if a != b:
                        rate = usd[a] / usd[b] * (1 + rng.gauss(0, 0.0003))
                        world.write("fx_rates", [day.isoformat(), a, b, f"{rate:.6f}"])
        day += timedelta(days=1)

