"""A child process run to the end or to a limit: its wall time and the peak RSS of its process tree."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from bench.names import PROJECT_DIR
from bench.units import format_bytes


POLL_SECONDS = 0.05
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Measured:
    status: str                     # ok | failed | timeout | memory
    seconds: float
    peak_rss_bytes: int             # max over 50 ms samples of the tree's RSS sum (>= max_single)
    max_single_rss_bytes: int       # ru_maxrss of the child and its reaped descendants (one process)
    returncode: Optional[int]
    started_epoch: float
    limit: Optional[str] = None     # the limit hit (timeout / memory), else None
    stderr_tail: str = ""


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def tree_rss(root: int) -> int:
    """RSS in bytes of `root` and every descendant (/proc/<pid>/statm, resident pages)."""
    total, pending, seen = 0, [root], set()
    while pending:
        pid = pending.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            continue
        pending.extend(_children(pid))
    return total


def run_measured(cmd: list[str], env: dict[str, str], log_dir: Path, name: str,
                 timeout: Optional[float] = None, memory_limit: Optional[int] = None) -> Measured:
    """Runs `cmd` in its own session; kills the whole group at `timeout` s or `memory_limit` bytes."""
    log_dir.mkdir(parents=True, exist_ok=True)
    stdout_path, stderr_path = log_dir / f"{name}.stdout", log_dir / f"{name}.stderr"
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        started_epoch = time.time()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=PROJECT_DIR, stdout=out, stderr=err, start_new_session=True)
        peak, limit, status_word = 0, None, None
        while True:
            pid, wait_status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, tree_rss(proc.pid))
            elapsed = time.perf_counter() - started
            if limit is None and timeout is not None and elapsed > timeout:
                limit, status_word = f"timeout {timeout:g} s", "timeout"
            elif limit is None and memory_limit is not None and peak > memory_limit:
                limit, status_word = f"memory {format_bytes(memory_limit)} RSS", "memory"
            if limit is not None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)  # the group of the child we started
                except ProcessLookupError:
                    pass
                pid, wait_status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(POLL_SECONDS)
        seconds = time.perf_counter() - started
    returncode = os.waitstatus_to_exitcode(wait_status)
    proc.returncode = returncode  # reaped by wait4: keep Popen from waiting again
    single = int(usage.ru_maxrss) * 1024  # kilobytes on Linux
    status = status_word or ("ok" if returncode == 0 else "failed")
    tail = stderr_path.read_text(errors="replace")[-2000:] if status != "ok" else ""
    return Measured(status, seconds, max(peak, single), single, returncode, started_epoch, limit, tail)
