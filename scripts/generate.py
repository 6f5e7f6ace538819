#!/usr/bin/env python3
"""Deterministic, streaming synthetic CRM data for the raw CSV contract (DATA_CONTRACT.md).

    python scripts/generate.py --out DIR [--scale N] [--seed N]

Writes the 28 contract tables as <table>.csv plus `_injected_rejects.csv`, the manifest of
the deliberately bad rows (table_name, source_row, reason, column_name). Only
random.Random(seed) is used, never the clock, so the same arguments give byte-identical
files. Rows are written while they are generated: in memory are only the reference
tables, the reps, the campaigns and the facts of the account being generated.
"""
from __future__ import annotations

import argparse
import bisect
import csv
import math
import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Sequence

START = date(2024, 7, 1)
END = date(2026, 6, 30)
N_DAYS = (END - START).days + 1          # day index 0 = START, N_DAYS - 1 = END
LAST = N_DAYS - 1
DAY = 86_400                              # times are int seconds since START 00:00 UTC
END_T = N_DAYS * DAY - 1
DATES = [(START + timedelta(days=i)).isoformat() for i in range(N_DAYS)]
MONTHS = [i for i, d in enumerate(DATES) if d.endswith("-01")]          # first day index
MONTH_OF = [sum(1 for m in MONTHS if m <= i) - 1 for i in range(N_DAYS)]
MONTH_END = [(MONTHS[k + 1] - 1 if k + 1 < len(MONTHS) else LAST) for k in range(len(MONTHS))]

COLUMNS: dict[str, list[str]] = {
    "sales_reps": ["rep_id", "full_name", "email", "role", "team", "manager_id", "region", "hire_date", "termination_date"],
    "quotas": ["rep_id", "period_start", "period_end", "quota_amount", "currency"],
    "commission_plans": ["role", "base_rate", "accelerator_threshold_pct", "accelerator_rate"],
    "accounts": ["account_id", "account_name", "industry", "region", "country", "created_at", "owner_rep_id", "acquisition_source", "referred_by_account_id"],
    "contacts": ["contact_id", "account_id", "full_name", "email", "phone", "job_title", "created_at"],
    "campaigns": ["campaign_id", "campaign_name", "channel", "start_date", "end_date", "budget", "currency"],
    "leads": ["lead_id", "created_at", "full_name", "email", "company_name", "source", "origin", "campaign_id", "owner_rep_id", "converted_account_id", "converted_at"],
    "lead_stage_history": ["lead_id", "stage", "entered_at"],
    "pipeline_stages": ["stage", "stage_order", "default_probability", "is_closed", "is_won"],
    "opportunities": ["opportunity_id", "account_id", "lead_id", "owner_rep_id", "opportunity_name", "deal_type", "created_at", "close_date", "stage", "amount", "currency"],
    "opportunity_stage_history": ["opportunity_id", "stage", "entered_at"],
    "activities": ["activity_id", "activity_type", "direction", "rep_id", "lead_id", "contact_id", "account_id", "opportunity_id", "occurred_at", "duration_minutes", "outcome", "social_kind"],
    "quotes": ["quote_id", "opportunity_id", "account_id", "rep_id", "sent_at", "amount", "currency", "status"],
    "invoices": ["invoice_id", "account_id", "quote_id", "order_id", "issued_at", "amount", "currency", "status"],
    "locations": ["location_id", "location_name", "location_type", "region", "country"],
    "products": ["product_id", "product_name", "category", "list_price", "unit_cost", "currency", "is_subscription"],
    "orders": ["order_id", "account_id", "opportunity_id", "rep_id", "location_id", "ordered_at", "status", "currency"],
    "order_lines": ["order_id", "line_number", "product_id", "quantity", "unit_price", "discount_amount"],
    "competitor_prices": ["product_id", "competitor_name", "observed_on", "price", "currency"],
    "subscriptions": ["subscription_id", "account_id", "product_id", "started_on", "ended_on", "mrr_amount", "currency"],
    "platform_usage": ["account_id", "usage_date", "active_minutes"],
    "support_tickets": ["ticket_id", "account_id", "contact_id", "channel", "ticket_type", "opened_at", "first_response_at", "resolved_at"],
    "nps_responses": ["response_id", "account_id", "contact_id", "responded_at", "score"],
    "csat_responses": ["response_id", "account_id", "ticket_id", "responded_at", "score"],
    "employee_surveys": ["response_id", "rep_id", "responded_at", "score"],
    "forecasts": ["rep_id", "period_start", "period_end", "forecast_amount", "currency", "submitted_at"],
    "sales_marketing_expenses": ["expense_id", "expense_month", "category", "campaign_id", "amount", "currency"],
    "fx_rates": ["rate_date", "from_currency", "to_currency", "rate"],
}
MANIFEST = "_injected_rejects"
MANIFEST_COLUMNS = ["table_name", "source_row", "reason", "column_name"]

# table -> (id prefix, minimum digits); the id is the table's first column
ID_SPEC = {"sales_reps": ("R", 4), "accounts": ("A", 5), "contacts": ("C", 5), "campaigns": ("CMP", 3),
           "leads": ("L", 5), "opportunities": ("OPP", 5), "activities": ("ACT", 6), "quotes": ("Q", 5),
           "invoices": ("INV", 5), "locations": ("LOC", 2), "products": ("P", 3), "orders": ("ORD", 5),
           "subscriptions": ("SUB", 5), "support_tickets": ("T", 5), "nps_responses": ("NPS", 5),
           "csat_responses": ("CSAT", 5), "employee_surveys": ("ES", 5), "sales_marketing_expenses": ("EXP", 5)}
# rough rows at scale 1 and how they grow: big = scale**1.75, rep = scale**0.75, camp = scale**0.5
EXPECTED = {"sales_reps": (25, "rep"), "quotas": (200, "rep"), "accounts": (150, "big"), "contacts": (380, "big"),
            "campaigns": (10, "camp"), "leads": (600, "big"), "lead_stage_history": (1500, "big"),
            "opportunities": (320, "big"), "opportunity_stage_history": (1200, "big"), "activities": (3200, "big"),
            "quotes": (160, "big"), "invoices": (200, "big"), "locations": (5, "one"), "products": (12, "one"),
            "orders": (250, "big"), "order_lines": (630, "big"), "competitor_prices": (150, "one"),
            "subscriptions": (100, "big"), "platform_usage": (1500, "big"), "support_tickets": (200, "big"),
            "nps_responses": (120, "big"), "csat_responses": (90, "big"), "employee_surveys": (150, "rep"),
            "forecasts": (200, "rep"), "sales_marketing_expenses": (300, "camp"), "fx_rates": (3000, "one"),
            "commission_plans": (5, "one"), "pipeline_stages": (7, "one")}
FOREIGN_PARENT = {"rep_id": "sales_reps", "account_id": "accounts", "product_id": "products",
                  "opportunity_id": "opportunities", "lead_id": "leads"}

# (table, reason, column, bad value); None = copy an earlier row, ORPHAN / CLOSE_BEFORE = computed
ORPHAN, CLOSE_BEFORE = "<orphan>", "<close-before-create>"
INJECTIONS: list[tuple[str, str, str, str | None]] = [
    ("activities", "null_key", "activity_id", ""),
    ("contacts", "null_key", "contact_id", ""),
    ("support_tickets", "null_key", "ticket_id", ""),
    ("leads", "duplicate_key", "lead_id", None),
    ("order_lines", "duplicate_key", "order_id", None),
    ("activities", "duplicate_key", "activity_id", None),
    ("activities", "bad_enum", "activity_type", "fax"),
    ("opportunities", "bad_enum", "deal_type", "barter"),
    ("support_tickets", "bad_enum", "channel", "carrier pigeon"),
    ("orders", "unparsable_date", "ordered_at", "2025-13-07T10:00:00Z"),
    ("leads", "unparsable_date", "created_at", "2025-02-30 09:15:00"),
    ("sales_reps", "unparsable_date", "hire_date", "31/12/2023"),
    ("order_lines", "unparsable_number", "unit_price", "12..50"),
    ("opportunities", "unparsable_number", "amount", "ten thousand"),
    ("campaigns", "unparsable_number", "budget", "5k"),
    ("products", "unparsable_boolean", "is_subscription", "maybe"),
    ("products", "unparsable_boolean", "is_subscription", "sometimes"),
    ("order_lines", "out_of_range", "quantity", "-2"),
    ("nps_responses", "out_of_range", "score", "11"),
    ("csat_responses", "out_of_range", "score", "0"),
    ("employee_surveys", "out_of_range", "score", "12"),
    ("activities", "orphan_foreign_key", "rep_id", ORPHAN),
    ("contacts", "orphan_foreign_key", "account_id", ORPHAN),
    ("order_lines", "orphan_foreign_key", "product_id", ORPHAN),
    ("opportunity_stage_history", "orphan_foreign_key", "opportunity_id", ORPHAN),
    ("opportunities", "close_before_create", "close_date", CLOSE_BEFORE),
    ("opportunities", "close_before_create", "close_date", CLOSE_BEFORE),
    ("orders", "missing_fx_rate", "currency", "CHF"),
    ("quotes", "missing_fx_rate", "currency", "JPY"),
    ("sales_marketing_expenses", "missing_fx_rate", "currency", "CHF"),
]

CURRENCIES = ("USD", "EUR", "GBP")
USD_VALUE = {"USD": 1.0, "EUR": 1.08, "GBP": 1.27}      # generation-time approximation
REGIONS = {"NA": ("USD", ("US", "US", "US", "CA")), "EMEA": ("EUR", ("DE", "FR", "NL", "ES")), "UK": ("GBP", ("GB",))}
REGION_W = (("NA", 62), ("EMEA", 24), ("UK", 14))
TEAM_NAMES = {"NA": "North America", "EMEA": "Europe", "UK": "UK & Ireland"}
ROLE_BASE = {"AE": 9, "AM": 3, "SDR": 3, "BDR": 3}
COMMISSION_PLANS = [("AE", "0.08", "100", "0.12"), ("AM", "0.05", "90", "0.08"), ("SDR", "0.03", "100", "0.05"),
                    ("BDR", "0.03", "100", "0.05"), ("MANAGER", "0.01", "110", "0.02")]
OPEN_STAGES = ["prospecting", "qualification", "demo", "proposal", "negotiation"]
PIPELINE_STAGES = [("prospecting", 1, "0.1", False, False), ("qualification", 2, "0.2", False, False),
                   ("demo", 3, "0.4", False, False), ("proposal", 4, "0.6", False, False),
                   ("negotiation", 5, "0.8", False, False), ("closed_won", 6, "1.0", True, True),
                   ("closed_lost", 7, "0.0", True, False)]
LOCATIONS = [("Downtown Store", "store", "NA", "US"), ("Berlin Flagship", "store", "EMEA", "DE"),
             ("Web Shop", "online", "NA", "US"), ("Field Sales NA", "field", "NA", "US"),
             ("Field Sales UK", "field", "UK", "GB")]
# name, category, list price, unit cost, currency, is_subscription (subscriptions: per seat per month)
PRODUCTS = [("CRM Starter", "software", 29, 6, "USD", True), ("CRM Professional", "software", 59, 11, "USD", True),
            ("CRM Enterprise", "software", 119, 20, "USD", True), ("Analytics Add-on", "software", 19, 4, "USD", True),
            ("Onboarding Package", "services", 1500, 900, "USD", False), ("Training Day", "services", 1200, 520, "USD", False),
            ("Data Migration", "services", 2400, 1450, "EUR", False), ("Barcode Scanner", "hardware", 189, 118, "USD", False),
            ("POS Terminal", "hardware", 749, 470, "EUR", False), ("Receipt Printer", "hardware", 239, 150, "USD", False),
            ("Premium Support (annual)", "services", 1800, 350, "USD", False), ("API Credits Pack", "software", 450, 60, "USD", False)]
ORDER_PRODUCT_W = [1 if product[5] else 4 for product in PRODUCTS]     # orders are mostly one-off products
COMPETITORS = ("Acme CRM", "Globex Sales", "Initech Cloud")
CHANNELS = ("email", "paid_search", "paid_social", "organic_social", "event", "webinar", "content", "partner")
ACQ_SOURCES = (("inbound", 30), ("outbound", 28), ("referral", 15), ("event", 15), ("partner", 12))
LEAD_SOURCES = (("web", 28), ("paid", 16), ("social", 12), ("email", 12), ("event", 9), ("referral", 4),
                ("outbound", 14), ("partner", 5))
INBOUND_SOURCES = (("web", 40), ("paid", 25), ("social", 15), ("email", 20))
SOURCE_CHANNELS = {"web": ("content", "organic_social"), "paid": ("paid_search", "paid_social"),
                   "social": ("organic_social", "paid_social"), "email": ("email",), "event": ("event", "webinar"),
                   "partner": ("partner",), "referral": (), "outbound": ()}
MARKETING_SOURCES = ("web", "paid", "social", "email", "event")
EXPENSE_BASE = {"advertising": 5000, "content": 2200, "events": 2600, "tools": 1800, "marketing_salaries": 8000, "other": 700}
INDUSTRIES = ("Retail", "Hospitality", "Software", "Manufacturing", "Healthcare", "Logistics", "Education", "Finance")
FIRST = ("Ana", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kara", "Liam",
         "Maya", "Noah", "Olga", "Pavel", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Wei", "Yara", "Zoe")
LAST_NAMES = ("Adams", "Berger", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ivanova", "Jensen",
              "Kowalski", "Lopez", "Meyer", "Nguyen", "Olsen", "Patel", "Rossi", "Schmidt", "Taylor", "Weber")
COMPANY_A = ("Blue", "North", "Bright", "Green", "Silver", "Rapid", "Urban", "Prime", "Summit", "Harbor", "Cedar", "Nova")
COMPANY_B = ("Retail", "Foods", "Works", "Logistics", "Labs", "Goods", "Outfitters", "Systems", "Market", "Supply")
COMPANY_C = ("Inc", "Ltd", "GmbH", "Group", "Co", "LLC")
JOB_TITLES = ("Owner", "Store Manager", "Operations Lead", "IT Manager", "CFO", "Head of Sales", "Buyer")
NPS_W = (2, 1, 2, 2, 3, 4, 6, 12, 18, 25, 25)
ENPS_W = (1, 1, 2, 3, 4, 7, 9, 18, 22, 18, 15)
CSAT_W = (5, 7, 15, 35, 38)

Mutation = Callable[[list[str]], None]


def growth(kind: str, scale: float) -> float:
    return {"big": scale ** 1.75, "rep": scale ** 0.75,
            "camp": scale ** 0.5, "one": 1.0}[kind]


def expected_rows(table: str, scale: float) -> int:
    base, kind = EXPECTED[table]
    return max(5, round(base * growth(kind, scale)))


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


@dataclass(order=True)
class Injection:
    after: int                                               # inject after this many good rows
    reason: str = field(compare=False)
    column: str = field(compare=False)
    mutate: Mutation | None = field(compare=False, default=None)   # None: repeat row `source`
    source: int = field(compare=False, default=0)


class Writer:
    """Streams one table to CSV, counts its rows and splices the planned bad rows in."""

    def __init__(self, out_dir: Path, table: str, columns: Sequence[str],
                 fresh_key: Callable[[str, list[str]], None], manifest: list[tuple[str, int, str, str]]):
        self.table, self.fresh_key, self.manifest = table, fresh_key, manifest
        self.file = (out_dir / f"{table}.csv").open("w", newline="", encoding="utf-8")
        self.csv = csv.writer(self.file, lineterminator="\n")
        self.csv.writerow(columns)
        self.rows = 0                 # all data rows, the bad ones included
        self.good = 0
        self.plan: list[Injection] = []
        self.wanted: set[int] = set()
        self.saved: dict[int, list[str]] = {}
        self.last: list[str] | None = None

    def add_plan(self, plan: list[Injection]) -> None:
        self.plan = sorted(plan)
        self.wanted = {i.source for i in plan if i.mutate is None}

    def write(self, row: list[str]) -> None:
        self.csv.writerow(row)
        self.rows += 1
        self.good += 1
        self.last = row
        if self.plan:
            if self.good in self.wanted:
                self.saved[self.good] = row
            while self.plan and self.plan[0].after <= self.good:
                self._inject(self.plan.pop(0))

    def _inject(self, inj: Injection) -> None:
        assert self.last is not None
        if inj.mutate is None:
            bad = list(self.saved.get(inj.source, self.last))
        else:
            bad = list(self.last)
            self.fresh_key(self.table, bad)
            inj.mutate(bad)
        self.csv.writerow(bad)
        self.rows += 1
        self.manifest.append((self.table, self.rows, inj.reason, inj.column))

    def close(self) -> None:
        while self.plan and self.last is not None:
            self._inject(self.plan.pop(0))
        self.file.close()


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


class Generator:
    def __init__(self, out_dir: Path, scale: float, seed: int, progress: Callable[[str, int], None] | None):
        self.rng = random.Random(seed)
        self.scale = scale
        self.big = scale ** 1.75
        self.n_accounts = max(20, round(150 * self.big))
        self.size = self.n_accounts / 150
        self.density = self.big / self.size           # per-account intensity: 1 unless the 20-account floor applies
        self.progress = progress
        self.counters = {t: 0 for t in ID_SPEC}
        self.widths = {t: max(ID_SPEC[t][1], len(str(expected_rows(t, scale) * 4))) for t in ID_SPEC}
        self.special = 0
        self.manifest: list[tuple[str, int, str, str]] = []
        self.won: dict[tuple[str, int], float] = defaultdict(float)      # (rep_id, month) -> USD
        self.reps: list[Rep] = []
        self.active: dict[tuple[str, int], list[Rep]] = {}
        self.campaigns: list[Campaign] = []
        self.converted_leads = 0
        self.churn_in_last_month = False
        self.weights: dict[Sequence[tuple[str, int]], tuple[list[str], list[float]]] = {}
        out_dir.mkdir(parents=True, exist_ok=True)
        self.w = {t: Writer(out_dir, t, cols, self.fresh_key, self.manifest) for t, cols in COLUMNS.items()}
        self.plan_injections()

    # ---- ids, formats, picks -------------------------------------------------------------
    def id_of(self, table: str, n: int) -> str:
        return f"{ID_SPEC[table][0]}{n:0{self.widths[table]}d}"

    def next_id(self, table: str) -> str:
        self.counters[table] += 1
        return self.id_of(table, self.counters[table])

    def special_id(self, table: str, orphan: bool) -> str:
        """Ids outside the generated range: fresh ones count down from 99..9, orphans up from 50..0."""
        self.special += 1
        top = 10 ** self.widths[table]
        return self.id_of(table, top // 2 + self.special if orphan else top - self.special)

    def fresh_key(self, table: str, row: list[str]) -> None:
        if table in ID_SPEC:
            row[0] = self.special_id(table, orphan=False)
        elif table == "order_lines":
            self.special += 1
            row[1] = str(90 + self.special)

    def ts(self, t: int) -> str:
        day, sec = divmod(t, DAY)
        clock = f"{sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}"
        r = self.rng.random()
        if r < 0.6:
            return f"{DATES[day]}T{clock}Z"
        return f"{DATES[day]} {clock}" if r < 0.85 else f"{DATES[day]}T{clock}"

    def e(self, value: str) -> str:
        """An enum value, now and then in another case or with stray spaces (valid variants)."""
        r = self.rng.random()
        if r > 0.07:
            return value
        head, _, tail = value.rpartition("_")
        variants = (value.lower(), value.upper(), value.title(), f" {value}", f"{value} ",
                    f"{head}_{tail.upper()}" if head else value.capitalize())
        return variants[int(r / 0.07 * len(variants)) % len(variants)]

    def b(self, value: bool) -> str:
        if self.rng.random() < 0.15:
            return "TRUE" if value else "False"
        return "true" if value else "false"

    def at(self, day: int) -> int:
        """A business-hours moment on a day."""
        return day * DAY + self.ri(8 * 3600, 18 * 3600)

    def pick(self, pairs: Sequence[tuple[str, int]]) -> str:
        """A weighted choice among (value, weight) pairs; the cumulative weights are cached."""
        table = self.weights.get(pairs)
        if table is None:
            cum = [float(sum(w for _, w in pairs[:k + 1])) for k in range(len(pairs))]
            table = self.weights[pairs] = ([v for v, _ in pairs], cum)
        values, cum = table
        return values[bisect.bisect(cum, self.rng.random() * cum[-1])]

    def ri(self, lo: int, hi: int) -> int:
        """A uniform integer in [lo, hi]; cheaper than Random.randint on the hot paths."""
        return lo + int(self.rng.random() * (hi - lo + 1))

    def person(self, domain: str) -> tuple[str, str]:
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST_NAMES)
        return f"{first} {last}", f"{first}.{last}{self.ri(1, 99)}@{domain}".lower()

    def company(self) -> str:
        r = self.rng
        return f"{r.choice(COMPANY_A)} {r.choice(COMPANY_B)} {r.choice(COMPANY_C)}"

    def rep_for(self, role: str, day: int) -> Rep:
        reps = self.active.get((role, MONTH_OF[min(max(day, 0), LAST)]))
        if not reps:
            reps = [r for r in self.reps if r.role == role and r.active_on(day)] or self.reps[:1]
        return self.rng.choice(reps)

    def rep_at(self, rep: Rep, day: int) -> Rep:
        return rep if rep.active_on(day) else self.rep_for(rep.role, day)

    # ---- bad rows ------------------------------------------------------------------------
    def plan_injections(self) -> None:
        copies = 1 + int(math.log10(self.scale)) if self.scale >= 1 else 1
        plans: dict[str, list[Injection]] = defaultdict(list)
        for table, reason, column, value in INJECTIONS:
            for _ in range(copies):
                after = self.ri(1, max(1, int(expected_rows(table, self.scale) * 0.9)))
                if value is None:
                    plans[table].append(Injection(after, reason, column, None, self.ri(1, max(1, after - 1))))
                else:
                    plans[table].append(Injection(after, reason, column, self.mutation(table, column, value)))
        for table, plan in plans.items():
            self.w[table].add_plan(plan)

    def mutation(self, table: str, column: str, value: str) -> Mutation:
        cols = COLUMNS[table]
        i = cols.index(column)
        if value == ORPHAN:
            value = self.special_id(FOREIGN_PARENT[column], orphan=True)
        if value == CLOSE_BEFORE:
            ic, ist = cols.index("created_at"), cols.index("stage")

            def close_before_create(row: list[str]) -> None:
                day = max(30, (date.fromisoformat(row[ic][:10]) - START).days)
                row[ic] = self.ts(self.at(day))
                row[i] = DATES[day - self.ri(1, 20)]
                row[ist] = self.e("closed_lost")
            return close_before_create
        clear = cols.index("social_kind") if column == "activity_type" else None

        def set_value(row: list[str]) -> None:
            row[i] = value
            if clear is not None:
                row[clear] = ""
        return set_value

    # ---- reference tables, reps, campaigns -----------------------------------------------
    def gen_reference(self) -> None:
        for role, *rates in COMMISSION_PLANS:
            self.w["commission_plans"].write([self.e(role), *rates])
        for stage, order, prob, closed, won in PIPELINE_STAGES:
            self.w["pipeline_stages"].write([stage, str(order), prob, self.b(closed), self.b(won)])
        for name, kind, region, country in LOCATIONS:
            self.w["locations"].write([self.next_id("locations"), name, self.e(kind), region, country])
        for name, category, price, cost, currency, is_sub in PRODUCTS:
            self.w["products"].write([self.next_id("products"), name, category, money(price), money(cost),
                                      currency, self.b(is_sub)])

    def new_rep(self, role: str, region: str, team: str, manager_id: str, hire_day: int) -> Rep:
        rep = Rep(self.next_id("sales_reps"), role, region, manager_id, team, hire_day)
        self.reps.append(rep)
        return rep

    def gen_reps(self) -> None:
        rng, k = self.rng, self.scale ** 0.75
        vp = self.new_rep("MANAGER", "NA", "Leadership", "", -self.ri(900, 2500))
        managers = []
        for j in range(max(1, round(3 * k))):
            region = ("NA", "EMEA", "UK")[j % 3]
            team = f"{TEAM_NAMES[region]} {j // 3 + 1}"
            managers.append(self.new_rep("MANAGER", region, team, vp.id, -self.ri(200, 1800)))
        for role, base in ROLE_BASE.items():
            for _ in range(max(2, round(base * k))):
                region = self.pick(REGION_W)
                mgr = rng.choice([m for m in managers if m.region == region] or managers)
                self.new_rep(role, mgr.region, mgr.team, mgr.id, -self.ri(30, 1500))
        sellers = [r for r in self.reps if r.role != "MANAGER"]
        for rep in rng.sample(sellers, max(3, round(0.15 * len(sellers)))):
            rep.term_day = self.ri(45, LAST - 20)
            if rep.term_day + 20 < LAST:
                self.new_rep(rep.role, rep.region, rep.team, rep.manager_id, rep.term_day + self.ri(3, 20))
        for rep in self.reps:
            name, email = self.person("crm-kpi.example")
            term = "" if rep.term_day is None else DATES[rep.term_day]
            self.w["sales_reps"].write([rep.id, name, email, self.e(rep.role), rep.team, rep.manager_id, rep.region,
                                        (START + timedelta(days=rep.hire_day)).isoformat(), term])
        for m, first in enumerate(MONTHS):
            for role in ("AE", "AM", "SDR", "BDR", "MANAGER"):
                self.active[(role, m)] = [r for r in self.reps if r.role == role and r.active_on(first)
                                          and r.active_on(MONTH_END[m])]

    def gen_campaigns(self) -> None:
        rng = self.rng
        for i in range(max(4, round(10 * self.scale ** 0.5))):
            channel = CHANNELS[i % len(CHANNELS)] if i < len(CHANNELS) else rng.choice(CHANNELS)
            start = self.ri(0, LAST - 90)
            end = min(LAST, start + self.ri(45, 240))
            currency = self.pick((("USD", 75), ("EUR", 15), ("GBP", 10)))
            budget = round(rng.uniform(3000, 20000) * self.scale ** 1.25, -2)
            camp = Campaign(self.next_id("campaigns"), channel, start, end, budget, currency, i % 3 != 1)
            self.campaigns.append(camp)
            season = ("Winter", "Spring", "Summer", "Autumn")[int(DATES[start][5:7]) % 12 // 3]
            self.w["campaigns"].write([camp.id, f"{season} {DATES[start][:4]} {channel.replace('_', ' ').title()}",
                                       self.e(channel), DATES[start], DATES[end], money(budget), currency])

    def campaign_for(self, source: str, day: int) -> str:
        if self.rng.random() < (0.3 if source == "web" else 0.15):
            return ""
        fits = [c for c in self.campaigns if c.start <= day <= c.end and c.channel in SOURCE_CHANNELS[source]]
        return self.rng.choice(fits).id if fits else ""

    # ---- activities ----------------------------------------------------------------------
    def activity(self, kind: str, direction: str, rep: Rep, t: int, outcome: str = "none", lead: str = "",
                 contact: str = "", account: str = "", opp: str = "") -> None:
        rng = self.rng
        if outcome in ("no_answer", "no_show"):
            minutes = self.ri(0, 1)
        else:
            lo, hi = {"call": (4, 30), "email": (2, 8), "meeting": (30, 90), "video_meeting": (20, 60), "demo": (30, 90),
                      "follow_up": (3, 15), "networking_event": (60, 240), "social_engagement": (1, 5)}[kind]
            minutes = self.ri(lo, hi)
        social = self.e(rng.choice(("like", "comment", "share", "direct_message"))) if kind == "social_engagement" else ""
        self.w["activities"].write([self.next_id("activities"), self.e(kind), self.e(direction), self.rep_at(rep, t // DAY).id,
                                    lead, contact, account, opp, self.ts(t),
                                    "" if rng.random() < 0.04 else str(minutes), self.e(outcome), social])

    def outbound_touch(self, rep: Rep, t: int, lead: str) -> None:
        kind = self.pick((("email", 40), ("call", 30), ("social_engagement", 12), ("follow_up", 13), ("video_meeting", 5)))
        outcome = {"call": self.pick((("no_answer", 50), ("completed", 50))),
                   "video_meeting": self.pick((("completed", 85), ("no_show", 15)))}.get(kind, "none")
        self.activity(kind, "outbound", rep, t, outcome, lead=lead)

    # ---- leads ---------------------------------------------------------------------------
    def gen_lead(self, lead_id: str, created_t: int, source: str, company: str,
                 converted: tuple[str, int, int | None, int | None] | None = None) -> None:
        """converted = (account_id, converted_t, opportunity_t, customer_t)."""
        rng = self.rng
        origin = "marketing" if source in MARKETING_SOURCES else "sales"
        day = created_t // DAY
        owner = self.rep_for("SDR" if origin == "marketing" else ("BDR" if source == "outbound" else "AE"), day)
        campaign = self.campaign_for(source, day) if SOURCE_CHANNELS[source] else ""
        name, email = self.person(company.split()[0].lower() + ".example")
        conv_acc, conv_t = (converted[0], converted[1]) if converted else ("", 0)
        self.w["leads"].write([lead_id, self.ts(created_t), name, email, company, self.e(source), self.e(origin),
                               campaign, owner.id, conv_acc, self.ts(conv_t) if converted else ""])
        self.gen_lead_stages(lead_id, created_t, origin, converted)
        if rng.random() < (0.97 if converted else 0.8):
            self.gen_lead_touches(lead_id, created_t, owner, (conv_t - created_t) if converted else 30 * DAY,
                                  converted is not None)

    def gen_lead_stages(self, lead_id: str, created_t: int, origin: str,
                        converted: tuple[str, int, int | None, int | None] | None) -> None:
        """lead -> (mql) -> sql -> opportunity -> customer when converted, else at most sql and maybe disqualified."""
        rng = self.rng
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
                    t += self.ri(DAY, 20 * DAY)
                    stages.append((stage, t))
            if rng.random() < 0.45:
                stages.append(("disqualified", t + self.ri(2 * DAY, 40 * DAY)))
        for stage, t in stages:
            if t <= END_T:
                self.w["lead_stage_history"].write([lead_id, self.e(stage), self.ts(t)])

    def gen_lead_touches(self, lead_id: str, created_t: int, owner: Rep, window: int, converted: bool) -> None:
        """Outbound touches spread over the window (up to conversion), then maybe a response and a meeting."""
        rng = self.rng
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
            self.outbound_touch(owner, t, lead_id)
        if times and rng.random() < (0.85 if converted else 0.3):
            t = rng.choice(times) + self.ri(2 * 3600, 3 * DAY)
            outcome = self.pick((("positive_reply", 45), ("meeting_booked", 45), ("negative_reply", 10)) if converted
                                else (("positive_reply", 25), ("meeting_booked", 15), ("negative_reply", 60)))
            if t <= END_T:
                self.activity(self.pick((("email", 70), ("call", 30))), "inbound", owner, t, outcome, lead=lead_id)
            t += self.ri(DAY, 6 * DAY)
            if outcome == "meeting_booked" and t <= END_T:
                self.activity(rng.choice(("meeting", "video_meeting")), "outbound", owner, t,
                              self.pick((("completed", 85), ("no_show", 15))), lead=lead_id)

    def gen_other_leads(self) -> None:
        rng = self.rng
        for _ in range(max(0, round(600 * self.big) - self.converted_leads)):
            day = int(LAST * rng.random() ** 0.85)
            self.gen_lead(self.next_id("leads"), self.at(day), self.pick(LEAD_SOURCES), self.company())

    # ---- opportunities -------------------------------------------------------------------
    def stage_path(self, outcome: str) -> list[str]:
        rng = self.rng
        if outcome == "won":
            top = 5 if rng.random() < 0.7 else 4
        else:
            top = rng.choices((1, 2, 3, 4, 5), (22, 25, 22, 18, 13))[0]
        first = 1 if rng.random() < 0.85 or top == 1 else 2
        path = [s for n, s in enumerate(OPEN_STAGES[first - 1:top], first)
                if n in (first, top) or rng.random() > 0.12]
        if len(path) >= 3 and rng.random() < 0.08:
            i = self.ri(1, len(path) - 1)
            path = path[:i + 1] + [path[i - 1], path[i]] + path[i + 1:]
        if outcome != "open":
            path.append("closed_won" if outcome == "won" else "closed_lost")
        return path

    def gen_opportunity(self, acc: Account, deal_type: str, created_t: int, outcome: str, owner: Rep,
                        lead_id: str = "") -> Opp:
        rng = self.rng
        opp_id = self.next_id("opportunities")
        created_day = created_t // DAY
        r = rng.random()                       # a few quick wins and enterprise deals around the usual cycle
        mu, sigma = (2.2, 0.4) if r < 0.12 else (5.2, 0.3) if r < 0.22 else (3.6 if deal_type == "new_business" else 3.1, 0.6)
        cycle = max(3, int(rng.lognormvariate(mu, sigma)))
        close_t = self.at(created_day + cycle)
        closes = close_t <= END_T and outcome != "open"
        path = self.stage_path(outcome if closes else "open")
        gaps = sorted(rng.uniform(0.02, 0.95) for _ in range(len(path) - (2 if closes else 1)))
        times = [created_t] + [created_t + int((close_t - created_t) * g) for g in gaps]
        times = times + [close_t] if closes else times
        for k in range(1, len(times)):
            times[k] = max(times[k], times[k - 1] + 60)
        kept = [(s, t) for s, t in zip(path, times) if t <= END_T]
        for stage, t in kept:
            self.w["opportunity_stage_history"].write([opp_id, self.e(stage), self.ts(t)])
        base = {"new_business": 14000, "upsell": 6000, "cross_sell": 5000, "renewal": 9000}[deal_type]
        amount = round(rng.lognormvariate(math.log(base), 0.5) / USD_VALUE[acc.currency], 2)
        won = closes and outcome == "won"
        opp = Opp(opp_id, deal_type, created_t, close_t // DAY if closes else None, won, owner)
        label = deal_type.replace("_", " ").title()
        self.w["opportunities"].write([opp_id, acc.id, lead_id, owner.id, f"{acc.name} - {label}", self.e(deal_type),
                                       self.ts(created_t), DATES[close_t // DAY] if closes else "",
                                       self.e(kept[-1][0]), money(amount), acc.currency])
        if won:
            self.won[(owner.id, MONTH_OF[close_t // DAY])] += amount * USD_VALUE[acc.currency]
        self.gen_quotes(acc, opp, kept, amount, closes)
        self.gen_deal_activities(acc, opp, kept, min(close_t, END_T))
        return opp

    def gen_quotes(self, acc: Account, opp: Opp, kept: list[tuple[str, int]], amount: float, closes: bool) -> None:
        rng = self.rng
        proposal = next((t for s, t in kept if s == "proposal"), None)
        if proposal is None:
            return
        sends = [proposal + self.ri(3600, 30 * 3600)]
        if rng.random() < 0.15:
            sends.append(sends[0] + self.ri(3 * DAY, 10 * DAY))
        for n, t in enumerate(sends):
            if t > END_T:
                break
            if n < len(sends) - 1:
                status = "expired"
            elif opp.won:
                status = "accepted"
            elif closes:
                status = self.pick((("rejected", 65), ("expired", 35)))
            else:
                status = "sent" if END_T - t < 60 * DAY else "expired"
            quote_id = self.next_id("quotes")
            value = round(amount * rng.uniform(0.95, 1.05), 2)
            self.w["quotes"].write([quote_id, opp.id, acc.id, self.rep_at(opp.owner, t // DAY).id, self.ts(t), money(value), acc.currency,
                                    self.e(status)])
            if status == "accepted":
                opp.accepted_quote = (quote_id, value)

    def gen_deal_activities(self, acc: Account, opp: Opp, kept: list[tuple[str, int]], until: int) -> None:
        rng = self.rng
        demo = next((t for s, t in kept if s == "demo"), None)
        if demo is None and rng.random() < 0.1:
            demo = self.ri(opp.created_t, until)
        if demo is not None and demo <= END_T:
            t = min(until, demo + self.ri(0, 2 * DAY))
            self.activity("demo", "outbound", opp.owner, t, self.pick((("completed", 90), ("no_show", 10))),
                          contact=rng.choice(acc.contacts), account=acc.id, opp=opp.id)
        for _ in range(poisson(rng, 3.0)):
            kind = self.pick((("call", 30), ("email", 35), ("meeting", 15), ("video_meeting", 12), ("follow_up", 8)))
            direction = "inbound" if rng.random() < (0.3 if kind == "email" else 0.08) else "outbound"
            if kind == "email":
                outcome = self.pick((("positive_reply", 60), ("negative_reply", 40))) if direction == "inbound" else "none"
            elif kind == "call":
                outcome = self.pick((("completed", 70), ("no_answer", 30))) if direction == "outbound" else "completed"
            elif kind == "follow_up":
                outcome = self.pick((("completed", 50), ("none", 50)))
            else:
                outcome = self.pick((("completed", 85), ("no_show", 15)))
            self.activity(kind, direction, opp.owner, self.ri(opp.created_t, until), outcome,
                          contact=rng.choice(acc.contacts), account=acc.id, opp=opp.id)

    # ---- accounts and everything that hangs off one -----------------------------------------
    def gen_account(self) -> None:
        rng = self.rng
        region = self.pick(REGION_W)
        currency, countries = REGIONS[region]
        day = 3 + int((LAST - 4) * rng.random() ** 0.8)
        created_t = self.at(day)
        source = self.pick(ACQ_SOURCES)
        referred = ""
        if source == "referral" and self.counters["accounts"] > 0:
            referred = self.id_of("accounts", self.ri(1, self.counters["accounts"]))
        elif source == "referral":
            source = "inbound"
        acc = Account(self.next_id("accounts"), self.company(), region, currency, self.rep_for("AE", day))
        self.w["accounts"].write([acc.id, acc.name, rng.choice(INDUSTRIES), region, rng.choice(countries),
                                  self.ts(created_t), acc.owner.id, self.e(source), referred])
        domain = acc.name.split()[0].lower() + acc.id.lower() + ".example"
        for n in range(1 + poisson(rng, 1.5 * self.density ** 0.5)):
            contact_id = self.next_id("contacts")
            acc.contacts.append(contact_id)
            name, email = self.person(domain)
            self.w["contacts"].write([contact_id, acc.id, name, email, f"+{self.ri(1, 49)} 555 {self.ri(1000, 9999)}",
                                      rng.choice(JOB_TITLES), self.ts(created_t if n == 0 else self.at(self.ri(day, LAST)))])
        has_lead = rng.random() < (0.5 if source == "outbound" else 0.85)
        lead_id = self.next_id("leads") if has_lead else ""
        customer = rng.random() < (0.72 if has_lead else 0.55)
        orders_only = customer and rng.random() < 0.15
        acquired: int | None = None
        opps: list[Opp] = []
        if not orders_only:
            outcome = "won" if customer else self.pick((("lost", 75), ("open", 25)))
            first = self.gen_opportunity(acc, "new_business", self.at(min(LAST, day + self.ri(0, 10))), outcome,
                                         acc.owner, lead_id)
            opps.append(first)
            acquired = first.close_day if first.won else None
        elif day + 20 <= LAST:
            acquired = day + self.ri(0, 20)
        if has_lead:
            self.converted_leads += 1
            source_l = {"inbound": self.pick(INBOUND_SOURCES)}.get(source, source)
            lead_t = created_t - min(day, 3 + int(rng.expovariate(1 / 12))) * DAY
            self.gen_lead(lead_id, lead_t, source_l, acc.name,
                          (acc.id, created_t, opps[0].created_t if opps else None,
                           None if acquired is None else acquired * DAY + 18 * 3600 + 1800))
        if acquired is None:
            for _ in range(poisson(rng, 1.0 * self.density)):
                t = self.at(self.ri(day, LAST))
                opps.append(self.gen_opportunity(acc, "new_business", t, self.pick((("lost", 80), ("open", 20))),
                                                 self.rep_for("AE", t // DAY)))
            return
        self.gen_customer(acc, acquired, opps, orders_only)

    def gen_customer(self, acc: Account, acquired: int, opps: list[Opp], orders_only: bool) -> None:
        rng = self.rng
        life = (LAST - acquired) / N_DAYS
        for _ in range(poisson(rng, 3.8 * self.density * life)):
            day = self.ri(min(acquired + 10, LAST), LAST)
            deal = self.pick((("upsell", 35), ("cross_sell", 25), ("renewal", 30), ("new_business", 10)))
            outcome = self.pick((("won", 55), ("lost", 45)))
            opps.append(self.gen_opportunity(acc, deal, self.at(day), outcome, self.rep_for("AM", day)))
        subscriber = not orders_only and rng.random() < 0.8
        buyer = not subscriber or rng.random() < 0.55
        orders: list[tuple[str, float, int, str]] = []
        won = [o for o in opps if o.won]
        if buyer:
            first_day = acquired if orders_only else min(LAST, acquired + self.ri(0, 7))
            orders.append(self.gen_order(acc, first_day, won[0] if won else None, "completed"))
            for _ in range(poisson(rng, 7.0 * self.density * life)):
                orders.append(self.gen_order(acc, self.ri(acquired, LAST), None))
        for opp in won[1:]:
            if opp.deal_type in ("new_business", "cross_sell") and opp.close_day is not None and (buyer or rng.random() < 0.4):
                orders.append(self.gen_order(acc, min(LAST, opp.close_day + self.ri(0, 5)), opp))
        self.gen_invoices(acc, won, orders)
        active = self.gen_subscriptions(acc, acquired, won) if subscriber else []
        self.gen_usage(acc, active)
        self.gen_service(acc, acquired, life)
        for _ in range(poisson(rng, 4.0 * self.density * life)):
            day = self.ri(acquired, LAST)
            kind = self.pick((("call", 35), ("email", 30), ("meeting", 12), ("video_meeting", 13), ("follow_up", 10)))
            direction = "inbound" if rng.random() < 0.2 else "outbound"
            outcome = {"call": self.pick((("completed", 75), ("no_answer", 25))) if direction == "outbound" else "completed",
                       "email": "none",
                       "follow_up": "none"}.get(kind, self.pick((("completed", 90), ("no_show", 10))))
            self.activity(kind, direction, self.rep_for("AM", day), self.at(day), outcome,
                          contact=rng.choice(acc.contacts), account=acc.id)

    def gen_order(self, acc: Account, day: int, opp: Opp | None, status: str = "") -> tuple[str, float, int, str]:
        rng = self.rng
        order_id = self.next_id("orders")
        status = status or self.pick((("completed", 88), ("cancelled", 7), ("refunded", 5)))
        kind = self.pick((("online", 45), ("field", 30), ("store", 25)))
        locs = [n for n, loc in enumerate(LOCATIONS, 1) if loc[1] == kind]
        local = [n for n in locs if LOCATIONS[n - 1][2] == acc.region]
        location = self.id_of("locations", rng.choice(local or locs))
        rep = self.rep_at(opp.owner, day) if opp else self.rep_for(rng.choice(("AM", "AE")), day)
        t = self.at(day)
        self.w["orders"].write([order_id, acc.id, opp.id if opp else "", rep.id if rng.random() > 0.05 else "",
                                location, self.ts(t), self.e(status), acc.currency])
        total = 0.0
        for line in range(1, 2 + min(5, poisson(rng, 1.5))):
            p = rng.choices(range(len(PRODUCTS)), ORDER_PRODUCT_W)[0]
            _, category, price, _, currency, _ = PRODUCTS[p]
            qty = self.ri(1, 12) if category == "hardware" else self.ri(1, 3 if category == "services" else 10)
            unit = round(price * USD_VALUE[currency] / USD_VALUE[acc.currency] * rng.uniform(0.9, 1.05), 2)
            r = rng.random()
            discount = "" if r < 0.55 else ("0" if r < 0.7 else money(qty * unit * rng.uniform(0.03, 0.15)))
            total += qty * unit - float(discount or 0)
            self.w["order_lines"].write([order_id, str(line), self.id_of("products", p + 1), str(qty),
                                         money(unit), discount])
        return order_id, total, day, status

    def gen_invoices(self, acc: Account, won: list[Opp], orders: list[tuple[str, float, int, str]]) -> None:
        """Invoices of accepted quotes (the first one also names the deal's first order) and of orders."""
        rng = self.rng
        linked = ""
        for n, opp in enumerate(won):
            if opp.accepted_quote and opp.close_day is not None and rng.random() < 0.9:
                order_id = orders[0][0] if n == 0 and orders and orders[0][3] == "completed" else ""
                linked = linked or order_id
                self.invoice(acc, opp.close_day + self.ri(0, 5), opp.accepted_quote[1], opp.accepted_quote[0],
                             order_id, self.pick((("paid", 70), ("issued", 22), ("void", 8))))
        for order_id, total, day, status in orders:
            if order_id == linked or rng.random() > 0.7:
                continue
            inv_status = self.pick((("paid", 80), ("issued", 20))) if status == "completed" else "void"
            self.invoice(acc, day + self.ri(0, 3), total, "", order_id, inv_status)

    def invoice(self, acc: Account, day: int, amount: float, quote_id: str, order_id: str, status: str) -> None:
        self.w["invoices"].write([self.next_id("invoices"), acc.id, quote_id, order_id, self.ts(self.at(min(day, LAST))),
                                  money(amount), acc.currency, self.e(status)])

    def gen_subscriptions(self, acc: Account, acquired: int, won: list[Opp]) -> list[tuple[int, int]]:
        """Plan changes, cross-sells, churn and reactivation; returns the account's active [start, end) spans."""
        rng = self.rng
        start = min(LAST, acquired + self.ri(0, 5))
        events: list[tuple[int, str]] = [(o.close_day + self.ri(1, 7), "up" if o.deal_type == "upsell" else "add")
                                         for o in won[1:] if o.close_day is not None and o.deal_type in ("upsell", "cross_sell")]
        day = start + self.ri(25, 35)
        while day <= LAST:
            r = rng.random()
            if r < 0.15:
                events.append((day, "up" if r < 0.05 else ("down" if r < 0.095 else "churn")))
            day += self.ri(25, 35)
        if not self.churn_in_last_month and start < MONTHS[-1] and self.counters["accounts"] > 0.7 * self.n_accounts:
            events.append((self.ri(MONTHS[-1] + 1, LAST), "churn"))   # make sure the last month has a churn
        events.sort()
        subs: list[list] = []          # [product index, started_on, mrr]
        spans: list[tuple[int, int]] = []
        span_start = start
        plan = rng.choice((0, 0, 1, 1, 2))
        subs.append([plan, start, self.mrr(acc, plan)])
        k = 0
        while k < len(events):
            day, kind = events[k]
            k += 1
            if day > LAST:
                break
            if not subs:
                if kind == "reactivate":
                    span_start = day
                    plan = rng.choice((0, 1, 2))
                    subs.append([plan, day, self.mrr(acc, plan)])
                continue
            if kind == "churn" and all(sub[1] < day for sub in subs):
                self.churn_in_last_month |= MONTH_OF[day] == len(MONTHS) - 1
                for sub in subs:
                    self.subscription(acc, sub, day)
                subs, spans = [], spans + [(span_start, day)]
                if rng.random() < 0.35:
                    events.insert(k, (day + self.ri(30, 200), "reactivate"))
                    events[k:] = sorted(events[k:])
            elif kind == "add" and len(subs) < 3:
                subs.append([3, day, self.mrr(acc, 3)])
            elif kind in ("up", "down") and subs[0][1] < day:
                old = subs[0]
                self.subscription(acc, old, day)
                factor = rng.uniform(1.2, 1.8) if kind == "up" else rng.uniform(0.5, 0.85)
                plan = old[0] + 1 if kind == "up" and old[0] < 2 and rng.random() < 0.3 else old[0]
                subs[0] = [plan, day, round(old[2] * factor, 2)]
        for sub in subs:
            self.subscription(acc, sub, None)
        return spans + ([(span_start, N_DAYS)] if subs else [])

    def mrr(self, acc: Account, plan: int) -> float:
        seats = max(2, int(self.rng.lognormvariate(2.3, 0.7)))
        return round(PRODUCTS[plan][2] * seats / USD_VALUE[acc.currency], 2)

    def subscription(self, acc: Account, sub: list, ended: int | None) -> None:
        self.w["subscriptions"].write([self.next_id("subscriptions"), acc.id, self.id_of("products", sub[0] + 1),
                                       DATES[sub[1]], "" if ended is None else DATES[ended], money(sub[2]), acc.currency])

    def gen_usage(self, acc: Account, spans: list[tuple[int, int]]) -> None:
        rng = self.rng
        for first, end in spans:
            m = MONTH_OF[first]
            while m < len(MONTHS) and MONTHS[m] < end:
                lo, hi = max(first, MONTHS[m]), min(end - 1, MONTH_END[m])
                days = range(lo, hi + 1)
                for day in sorted(rng.sample(days, min(len(days), poisson(rng, 2.2 * self.density)))):
                    self.w["platform_usage"].write([acc.id, DATES[day], str(int(rng.lognormvariate(4.5, 0.9)))])
                m += 1

    def gen_service(self, acc: Account, acquired: int, life: float) -> None:
        """Support tickets with CSAT answers, and NPS answers."""
        rng = self.rng
        for _ in range(poisson(rng, 6.0 * self.density * life)):
            ticket_id = self.next_id("support_tickets")
            channel = self.pick((("phone", 30), ("email", 40), ("chat", 30)))
            kind = self.pick((("inquiry", 60), ("issue", 40)))
            opened = self.at(self.ri(acquired, LAST))
            mean_wait = {"phone": 600, "chat": 300, "email": 5 * 3600}[channel]
            first = opened + 60 + int(rng.expovariate(1 / mean_wait)) if rng.random() > 0.04 else None
            resolved = None
            if first is not None and rng.random() < 0.88:
                resolved = first + int(rng.expovariate(1 / ((1 if kind == "inquiry" else 3) * DAY)))
            first, resolved = (x if x is not None and x <= END_T else None for x in (first, resolved))
            self.w["support_tickets"].write([ticket_id, acc.id, rng.choice(acc.contacts), self.e(channel), self.e(kind),
                                             self.ts(opened), self.ts(first) if first else "",
                                             self.ts(resolved) if resolved and first else ""])
            if resolved and first and rng.random() < 0.55:
                t = resolved + self.ri(600, 2 * DAY)
                if t <= END_T:
                    score = rng.choices(range(1, 6), CSAT_W)[0]
                    self.w["csat_responses"].write([self.next_id("csat_responses"), acc.id, ticket_id, self.ts(t), str(score)])
        for _ in range(poisson(rng, 3.2 * self.density * life)):
            t = self.at(self.ri(acquired, LAST))
            self.w["nps_responses"].write([self.next_id("nps_responses"), acc.id, rng.choice(acc.contacts), self.ts(t),
                                           str(rng.choices(range(11), NPS_W)[0])])

    # ---- team, market and money tables -----------------------------------------------------
    def gen_standalone_activities(self) -> None:
        rng = self.rng
        for n in range(3 + round(100 * self.big)):
            day = LAST if n < 3 else self.ri(0, LAST)
            kind = self.pick((("networking_event", 55), ("social_engagement", 45)))
            self.activity(kind, "outbound", self.rep_for(rng.choice(("AE", "AM", "SDR", "BDR")), day), self.at(day),
                          "completed" if kind == "networking_event" else "none")

    def gen_quotas_forecasts(self) -> None:
        """AE quotas are quarterly, AM quotas monthly (from the 4th month), both set around what the rep won."""
        rng = self.rng
        periods = {"AE": [(MONTHS[q], MONTH_END[q + 2]) for q in range(0, len(MONTHS), 3)],
                   "AM": [(MONTHS[m], MONTH_END[m]) for m in range(3, len(MONTHS))]}     # AM books build up first
        rows = [(rep, first, last, sum(self.won.get((rep.id, m), 0.0) for m in range(MONTH_OF[first], MONTH_OF[last] + 1)))
                for rep in self.reps if rep.role in periods for first, last in periods[rep.role] if rep.active_on(first)]
        typical = {role: [won for rep, _, _, won in rows if rep.role == role and won > 0] or [10000.0] for role in periods}
        for rep, first, last, won in rows:
            usual = sum(typical[rep.role]) / len(typical[rep.role])
            quota = max(100.0, round((0.6 * won + 0.4 * usual) * rng.uniform(0.8, 1.25) / USD_VALUE[rep.currency], -2))
            self.w["quotas"].write([rep.id, DATES[first], DATES[last], money(quota), rep.currency])
            forecast = won / USD_VALUE[rep.currency] * rng.uniform(0.75, 1.25) if won else quota * rng.uniform(0.2, 0.5)
            submitted = self.at(min(last - 1, first + self.ri(2, 10)))
            self.w["forecasts"].write([rep.id, DATES[first], DATES[last], money(forecast), rep.currency,
                                       self.ts(submitted)])

    def gen_employee_surveys(self) -> None:
        """A monthly eNPS pulse; a bigger share of the team answers in the quarter's last month."""
        rng = self.rng
        for m, first in enumerate(MONTHS):
            share = 0.8 if DATES[first][5:7] in ("03", "06", "09", "12") else 0.25
            for rep in self.reps:
                day = self.ri(first, MONTH_END[m])
                if rep.active_on(day) and rng.random() < share:
                    self.w["employee_surveys"].write([self.next_id("employee_surveys"), rep.id, self.ts(self.at(day)),
                                                      str(rng.choices(range(11), ENPS_W)[0])])

    def gen_competitor_prices(self) -> None:
        rng = self.rng
        for p in (1, 4, 7, 8, 9, 11):
            _, _, price, _, currency, _ = PRODUCTS[p]
            for name in COMPETITORS:
                level = rng.uniform(0.85, 1.2)
                for m, first in enumerate(MONTHS):
                    if rng.random() < 0.55:
                        day = self.ri(first, MONTH_END[m])
                        self.w["competitor_prices"].write([self.id_of("products", p + 1), name, DATES[day],
                                                           money(price * level * rng.uniform(0.95, 1.05)), currency])

    def gen_expenses(self) -> None:
        rng = self.rng
        for m, first in enumerate(MONTHS):
            def expense(category: str, amount: float, currency: str = "USD", campaign: str = "") -> None:
                self.w["sales_marketing_expenses"].write([self.next_id("sales_marketing_expenses"), DATES[first],
                                                          self.e(category), campaign, money(amount), currency])
            for category, base in EXPENSE_BASE.items():
                expense(category, base * self.size * rng.uniform(0.85, 1.15))
            for region, (currency, _) in REGIONS.items():
                heads = sum(1 for r in self.reps if r.region == region and r.active_on(first))
                if heads:
                    expense("sales_salaries", heads * 1400 * rng.uniform(0.95, 1.05) / USD_VALUE[currency], currency)
            won = sum(v for (rep, month), v in self.won.items() if month == m)
            expense("commissions", max(50.0, won * 0.07))
            for camp in self.campaigns:
                if camp.has_expenses and camp.start <= MONTH_END[m] and camp.end >= first:
                    months = MONTH_OF[camp.end] - MONTH_OF[camp.start] + 1
                    category = {"paid_search": "advertising", "paid_social": "advertising", "event": "events",
                                "webinar": "events", "content": "content"}.get(camp.channel, "campaign")
                    expense(category, camp.budget / months * rng.uniform(0.7, 1.2), camp.currency, camp.id)

    def gen_fx(self) -> None:
        rng = self.rng
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
                            self.w["fx_rates"].write([day.isoformat(), a, b, f"{rate:.6f}"])
            day += timedelta(days=1)

    # ---- driver ----------------------------------------------------------------------------
    def step(self, phase: str) -> None:
        if self.progress:
            self.progress(phase, sum(w.rows for w in self.w.values()))

    def run(self, out_dir: Path) -> dict[str, int]:
        self.gen_reference()
        self.gen_reps()
        self.gen_campaigns()
        self.step("reference")
        for n in range(self.n_accounts):
            self.gen_account()
            if n % 5000 == 4999:
                self.step("accounts")
        self.step("accounts")
        self.gen_other_leads()
        self.step("leads")
        self.gen_standalone_activities()
        self.gen_quotas_forecasts()
        self.gen_employee_surveys()
        self.gen_competitor_prices()
        self.gen_expenses()
        self.gen_fx()
        for writer in self.w.values():
            writer.close()
        with (out_dir / f"{MANIFEST}.csv").open("w", newline="", encoding="utf-8") as f:
            out = csv.writer(f, lineterminator="\n")
            out.writerow(MANIFEST_COLUMNS)
            out.writerows(sorted(self.manifest))
        self.step("done")
        return {t: w.rows for t, w in self.w.items()}


def generate(out_dir: Path, scale: float = 1, seed: int = 42,
             progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Write the 28 contract tables and the injected-rejects manifest into out_dir.

    Returns {table: data rows written, bad rows included}. `progress(phase, rows_so_far)` is
    called after each phase and every 5,000 accounts. Same arguments, same bytes.
    """
    if scale <= 0:
        raise ValueError("scale must be positive")
    out_dir = Path(out_dir)
    return Generator(out_dir, float(scale), seed, progress).run(out_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--scale", type=float, default=1, help="size factor; big tables grow as scale**1.75")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    counts = generate(args.out, args.scale, args.seed,
                      lambda phase, rows: print(f"{phase}: {rows} rows", file=sys.stderr))
    for table, rows in counts.items():
        print(f"{table:28s} {rows:>10d}")
    print(f"{'total':28s} {sum(counts.values()):>10d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
