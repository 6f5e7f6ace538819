"""The generated period: day indexes, their ISO dates and the month boundaries."""
from __future__ import annotations

from datetime import date, timedelta

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
