"""Sizes, durations and scale labels as text, and the progress log."""
from __future__ import annotations

import argparse
import re
import sys
from datetime import datetime
from typing import Optional


def parse_bytes(text: str) -> int:
    match = re.fullmatch(r"\s*([0-9.]+)\s*([KMGT]?)(i?B)?\s*", text, re.IGNORECASE)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 16GB or 512MiB")
    power = "KMGT".find(match.group(2).upper()) + 1 if match.group(2) else 0
    return int(float(match.group(1)) * 1024 ** power)


def format_bytes(value: Optional[float]) -> str:
    if value is None:
        return "-"
    for unit, size in (("GiB", 1024 ** 3), ("MiB", 1024 ** 2)):
        if value >= size:
            return f"{value / size:.2f} {unit}" if unit == "GiB" else f"{value / size:.0f} {unit}"
    return f"{value / 1024:.0f} KiB"


def format_seconds(value: Optional[float]) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def scale_label(scale: float) -> str:
    return f"{scale:g}"


def log(message: str) -> None:
    print(f"[{datetime.now().strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
