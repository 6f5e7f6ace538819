"""Random draws and value formats: integers, weighted picks, timestamps, messy enums, money."""
from __future__ import annotations

import bisect
import math
import random
from typing import Sequence

from datagen.timeline import DATES, DAY
from datagen.vocabulary import COMPANY_A, COMPANY_B, COMPANY_C, FIRST, LAST_NAMES


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def money(x: float) -> str:
    return f"{x:.2f}"


class Draw:
    """The generator's draws from one random.Random; every value goes through here, in order."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.weights: dict[Sequence[tuple[str, int]], tuple[list[str], list[float]]] = {}

    def int_between(self, lo: int, hi: int) -> int:
        """A uniform integer in [lo, hi]; cheaper than Random.randint on the hot paths."""
        return lo + int(self.rng.random() * (hi - lo + 1))

    def business_time(self, day: int) -> int:
        """A business-hours moment on a day."""
        return day * DAY + self.int_between(8 * 3600, 18 * 3600)

    def weighted(self, pairs: Sequence[tuple[str, int]]) -> str:
        """A weighted choice among (value, weight) pairs; the cumulative weights are cached."""
        table = self.weights.get(pairs)
        if table is None:
            cum = [float(sum(w for _, w in pairs[:k + 1])) for k in range(len(pairs))]
            table = self.weights[pairs] = ([v for v, _ in pairs], cum)
        values, cum = table
        return values[bisect.bisect(cum, self.rng.random() * cum[-1])]

    def timestamp_text(self, t: int) -> str:
        """A moment as text, in one of the three accepted timestamp layouts."""
        day, sec = divmod(t, DAY)
        clock = f"{sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}"
        r = self.rng.random()
        if r < 0.6:
            return f"{DATES[day]}T{clock}Z"
        return f"{DATES[day]} {clock}" if r < 0.85 else f"{DATES[day]}T{clock}"

    def enum_text(self, value: str) -> str:
        """An enum value, now and then in another case or with stray spaces (valid variants)."""
        r = self.rng.random()
        if r > 0.07:
            return value
        head, _, tail = value.rpartition("_")
        variants = (value.lower(), value.upper(), value.title(), f" {value}", f"{value} ",
                    f"{head}_{tail.upper()}" if head else value.capitalize())
        return variants[int(r / 0.07 * len(variants)) % len(variants)]

    def bool_text(self, value: bool) -> str:
        """A boolean as text, now and then in another case."""
        if self.rng.random() < 0.15:
            return "TRUE" if value else "False"
        return "true" if value else "false"

    def person(self, domain: str) -> tuple[str, str]:
        """A full name and a matching e-mail address at domain."""
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST_NAMES)
        return f"{first} {last}", f"{first}.{last}{self.int_between(1, 99)}@{domain}".lower()

    def company(self) -> str:
        r = self.rng
        return f"{r.choice(COMPANY_A)} {r.choice(COMPANY_B)} {r.choice(COMPANY_C)}"
