"""The time and memory plot (matplotlib, requirements-bench.txt)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from bench.units import log, scale_label


def plot(results: dict[str, Any], path: Path) -> Optional[str]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import matplotlib.ticker
    except ImportError:
        log("matplotlib is not installed (pip install -r requirements-bench.txt): no plot")
        return None
    fig, (ax_time, ax_mem) = plt.subplots(1, 2, figsize=(11, 4.2))
    styles = {"build": ("pipeline build (dbt)", "tab:blue", "o"), "floor": ("raw DuckDB floor", "tab:green", "s"),
              "csv_read": ("CSV read floor", "tab:gray", "D"), "pandas": ("pandas reference", "tab:red", "^")}
    for contender, (label, color, marker) in styles.items():
        xs, times, mems, limit_xs, limit_times, limit_mems = [], [], [], [], [], []
        for entry in results["scales"]:
            summary = entry["summary"].get(contender, {})
            if summary.get("status") == "ok":
                xs.append(entry["scale"])
                times.append(summary["median_seconds"])
                mems.append(summary["median_peak_rss_bytes"] / 1024 ** 3)
            elif summary.get("limit"):
                runs = entry["runs"][contender]
                limit_xs.append(entry["scale"])
                limit_times.append(max(r["seconds"] for r in runs))
                limit_mems.append(summary.get("peak_rss_bytes_at_limit", 0) / 1024 ** 3)
        ax_time.plot(xs, times, marker=marker, color=color, label=label)
        ax_mem.plot(xs, mems, marker=marker, color=color, label=label)
        if limit_xs:
            ax_time.scatter(limit_xs, limit_times, marker="x", s=80, color=color, label=f"{label}: limit hit")
            ax_mem.scatter(limit_xs, limit_mems, marker="x", s=80, color=color)
    scales = [e["scale"] for e in results["scales"]]
    for ax, title, unit in ((ax_time, "Wall time (median)", "seconds"),
                            (ax_mem, "Peak RSS of the process tree", "GiB")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xticks(scales, [scale_label(s) for s in scales])
        ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
        ax.yaxis.set_major_locator(matplotlib.ticker.LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda value, _pos: f"{value:g}"))
        ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        ax.set_xlabel("scale (rows grow as scale^1.75)")
        ax.set_ylabel(unit)
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
    ax_time.legend(fontsize=8)
    meta = results["meta"]
    fig.suptitle(f"crm-kpi benchmark, {meta['machine'].get('cores')} cores, {meta['started_at'][:10]}", fontsize=10)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return str(path)
