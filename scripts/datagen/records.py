"""The records kept in memory while rows are generated: reps, campaigns, accounts, deals."""
from __future__ import annotations

from dataclasses import dataclass, field

from datagen.vocabulary import REGIONS


@dataclass
class Rep:
    id: str
    role: str
    region: str
    manager_id: str
    team: str
    hire_day: int                 # day index, negative = before START
    term_day: int | None = None

    @property
    def currency(self) -> str:
        return REGIONS[self.region][0]

    def active_on(self, day: int) -> bool:
        return self.hire_day <= day and (self.term_day is None or day < self.term_day)


@dataclass
class Campaign:
    id: str
    channel: str
    start: int
    end: int
    budget: float
    currency: str
    has_expenses: bool


@dataclass
class Account:
    id: str
    name: str
    region: str
    currency: str
    owner: Rep
    contacts: list[str] = field(default_factory=list)


@dataclass
class Opp:
    id: str
    deal_type: str
    created_t: int
    close_day: int | None         # None while open
    won: bool
    owner: Rep
    accepted_quote: tuple[str, float] | None = None
