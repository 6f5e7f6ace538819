"""Orders with their lines, and invoices of accepted quotes and of orders."""
from __future__ import annotations

from datagen.draw import money, poisson
from datagen.records import Account, Opp
from datagen.timeline import LAST
from datagen.vocabulary import LOCATIONS, ORDER_PRODUCT_W, PRODUCTS, USD_VALUE
from datagen.world import World


def gen_order(world: World, acc: Account, day: int, opp: Opp | None, status: str = "") -> tuple[str, float, int, str]:
    rand = world.rand
    rng = world.rng
    order_id = world.next_id("orders")
    status = status or rand.weighted((("completed", 88), ("cancelled", 7), ("refunded", 5)))
    kind = rand.weighted((("online", 45), ("field", 30), ("store", 25)))
    locs = [n for n, loc in enumerate(LOCATIONS, 1) if loc[1] == kind]
    local = [n for n in locs if LOCATIONS[n - 1][2] == acc.region]
    location = world.id_of("locations", rng.choice(local or locs))
    rep = world.rep_at(opp.owner, day) if opp else world.rep_for(rng.choice(("AM", "AE")), day)
    t = rand.business_time(day)
    world.write("orders", [order_id, acc.id, opp.id if opp else "", rep.id if rng.random() > 0.05 else "",
                           location, rand.timestamp_text(t), rand.enum_text(status), acc.currency])
    total = 0.0
    for line in range(1, 2 + min(5, poisson(rng, 1.5))):
        p = rng.choices(range(len(PRODUCTS)), ORDER_PRODUCT_W)[0]
        _, category, price, _, currency, _ = PRODUCTS[p]
        qty = rand.int_between(1, 12) if category == "hardware" else rand.int_between(1, 3 if category == "services" else 10)
        unit = round(price * USD_VALUE[currency] / USD_VALUE[acc.currency] * rng.uniform(0.9, 1.05), 2)
        r = rng.random()
        discount = "" if r < 0.55 else ("0" if r < 0.7 else money(qty * unit * rng.uniform(0.03, 0.15)))
        total += qty * unit - float(discount or 0)
        world.write("order_lines", [order_id, str(line), world.id_of("products", p + 1), str(qty),
                                    money(unit), discount])
    return order_id, total, day, status


def gen_invoices(world: World, acc: Account, won: list[Opp], orders: list[tuple[str, float, int, str]]) -> None:
    """Invoices of accepted quotes (the first one also names the deal's first order) and of orders."""
    rand = world.rand
    rng = world.rng
    linked = ""
    for n, opp in enumerate(won):
        if opp.accepted_quote and opp.close_day is not None and rng.random() < 0.9:
            order_id = orders[0][0] if n == 0 and orders and orders[0][3] == "completed" else ""
            linked = linked or order_id
            write_invoice(world, acc, opp.close_day + rand.int_between(0, 5), opp.accepted_quote[1], opp.accepted_quote[0],
                          order_id, rand.weighted((("paid", 70), ("issued", 22), ("void", 8))))
    for order_id, total, day, status in orders:
        if order_id == linked or rng.random() > 0.7:
            continue
        inv_status = rand.weighted((("paid", 80), ("issued", 20))) if status == "completed" else "void"
        write_invoice(world, acc, day + rand.int_between(0, 3), total, "", order_id, inv_status)


def write_invoice(world: World, acc: Account, day: int, amount: float, quote_id: str, order_id: str, status: str) -> None:
    rand = world.rand
    world.write("invoices", [world.next_id("invoices"), acc.id, quote_id, order_id, rand.timestamp_text(rand.business_time(min(day, LAST))),
                             money(amount), acc.currency, rand.enum_text(status)])

