"""The build's wall time split into phases from dbt's run_results.json."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from bench.measure import Measured
from bench.names import BUILD_PHASES


def _epoch(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def node_group(unique_id: str, fqn_dir: str) -> str:
    kind = unique_id.split(".")[0]
    if kind == "operation":
        return "landing"  # the on-run-start hook checks the raw files (and lands what no node lands)
    if kind == "seed":
        return "seeds"
    if kind == "test":
        return "data_tests"
    if kind == "unit_test":
        return "unit_tests"
    if kind == "model" and fqn_dir == "landing":
        return "landing"  # models/landing: one node per raw table
    if kind == "model":
        return "staging" if fqn_dir == "staging" else "intermediate_marts"
    return "dbt_overhead"


def build_phases(run_results: dict[str, Any], measured: Measured,
                 folders: dict[str, str]) -> tuple[dict[str, float], dict[str, int]]:
    """Splits the build's wall time; the phases add up to it.

    Before dbt: process start to invocation_started_at (imports, the pipeline's input checks).
    Parse/compile: invocation start to the first node (manifest parse, graph, adapter).
    Nodes: each node busy from its first timing start to its last timing end; a stretch of
    time where nodes of several groups run at once (dbt's threads) is shared equally among
    them. Idle stretches between nodes and the exit after the last node: dbt_overhead.
    """
    start = measured.started_epoch
    end = start + measured.seconds
    invocation = run_results["metadata"].get("invocation_started_at")
    invoked = _epoch(invocation) if invocation else start
    events: list[tuple[float, int, str]] = []
    counts: dict[str, int] = {}
    for node in run_results["results"]:
        stamps = [(_epoch(t["started_at"]), _epoch(t["completed_at"])) for t in node.get("timing", [])
                  if t.get("started_at") and t.get("completed_at")]
        if not stamps:
            continue
        group = node_group(node["unique_id"], folders.get(node["unique_id"], ""))
        counts[group] = counts.get(group, 0) + 1
        events.append((min(s for s, _ in stamps), 1, group))
        events.append((max(e for _, e in stamps), -1, group))
    phases = dict.fromkeys(BUILD_PHASES, 0.0)
    if not events:
        phases["startup_input_checks"] = max(0.0, invoked - start)
        phases["dbt_parse_compile"] = end - start - phases["startup_input_checks"]
        return phases, counts
    events.sort(key=lambda e: (e[0], -e[1]))
    first, last = events[0][0], max(e[0] for e in events)
    phases["startup_input_checks"] = max(0.0, invoked - start)
    phases["dbt_parse_compile"] = max(0.0, first - max(invoked, start))
    active: dict[str, int] = {}
    previous = first
    for stamp, delta, group in events:
        span = stamp - previous
        running = [g for g, n in active.items() if n > 0]
        if span > 0:
            if running:
                for g in running:
                    phases[g] += span / len(running)
            else:
                phases["dbt_overhead"] += span
        active[group] = active.get(group, 0) + delta
        previous = stamp
    phases["dbt_overhead"] += max(0.0, end - last)
    # clocks of two processes: keep the phases summing to the measured wall time exactly
    drift = measured.seconds - sum(phases.values())
    phases["dbt_overhead"] = max(0.0, phases["dbt_overhead"] + drift)
    return {k: round(v, 4) for k, v in phases.items()}, counts
