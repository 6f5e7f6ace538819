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
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))   # scripts/: datagen is a package there

from datagen.generator import run
from datagen.tables import INJECTIONS  # noqa: F401  (tests/test_generate.py reads it here)
from datagen.world import Progress


def generate(out_dir: Path, scale: float = 1, seed: int = 42,
             progress: Progress | None = None) -> dict[str, int]:
    """Write the 28 contract tables and the injected-rejects manifest into out_dir.

    Returns {table: data rows written, bad rows included}. `progress(phase, rows_so_far)` is
    called after each phase and every 5,000 accounts. Same arguments, same bytes.
    """
    if scale <= 0:
        raise ValueError("scale must be positive")
    out_dir = Path(out_dir)
    return run(out_dir, float(scale), seed, progress)


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
