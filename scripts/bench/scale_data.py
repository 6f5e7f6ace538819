"""The generated data of one scale, cached while the scale, seed and generator are the same."""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from bench.measure import run_measured
from bench.names import GENERATOR_FILES, PIPELINE, SCRIPTS_DIR
from bench.units import log, scale_label


def ensure_data(args: argparse.Namespace, scale: float, log_dir: Path) -> dict[str, Any]:
    """Generates scale-N once; reused while the scale, seed and generator code are the same."""
    data_dir = Path(args.data_root).resolve() / f"scale-{scale_label(scale)}"
    marker = data_dir / ".benchmark-generated.json"
    stamp = {"scale": scale, "seed": args.seed, "generator_sha256": generator_sha256()}
    info: dict[str, Any] = {"data_dir": str(data_dir), "cached": True}
    if not (marker.exists() and json.loads(marker.read_text()).get("stamp") == stamp):
        if data_dir.exists():
            shutil.rmtree(data_dir)
        cmd = [sys.executable, str(PIPELINE), "generate", "--out", str(data_dir), "--scale", str(scale),
               "--seed", str(args.seed)]
        log(f"scale {scale_label(scale)}: generating {data_dir}")
        measured = run_measured(cmd, dict(os.environ), log_dir, f"generate-{scale_label(scale)}")
        if measured.status != "ok":
            raise SystemExit(f"generate --scale {scale} failed: {measured.stderr_tail}")
        marker.write_text(json.dumps({"stamp": stamp, "seconds": round(measured.seconds, 2),
                                      "peak_rss_bytes": measured.peak_rss_bytes}))
        info["cached"] = False
    recorded = json.loads(marker.read_text())
    csvs = sorted(p for p in data_dir.glob("*.csv") if not p.name.startswith("_"))
    info.update({"generate_seconds": recorded["seconds"], "csv_bytes": sum(p.stat().st_size for p in csvs),
                 "rows": {p.stem: count_lines(p) - 1 for p in csvs}})
    return info


def generator_sha256() -> str:
    """sha256 of generate.py and every datagen/*.py, by path relative to scripts/."""
    digest = hashlib.sha256()
    for root in GENERATOR_FILES:
        for path in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            digest.update(str(path.relative_to(SCRIPTS_DIR)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def count_lines(path: Path) -> int:
    lines = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            lines += block.count(b"\n")
    return lines
