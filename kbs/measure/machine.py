"""How busy the machine was while we measured: our processes' CPU against everyone's.

Figures taken while other programs use the CPU (other engineers training models, say)
are slower than the machine can do; every report says how much CPU others took.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import psutil

BUSY_SHARE = 0.15  # others using more than this share of all cores makes the run "busy"


def tree_cpu_seconds(pids: list[int]) -> float:
    """CPU seconds of these processes, their live children and the children they reaped."""
    total = 0.0
    for pid in pids:
        try:
            process = psutil.Process(pid)
            for member in [process, *process.children(recursive=True)]:
                try:
                    times = member.cpu_times()
                    total += (times.user + times.system + times.children_user
                              + times.children_system)
                except psutil.Error:
                    continue
        except psutil.Error:
            continue
    return total


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of a process and every child it started."""
    try:
        process = psutil.Process(pid)
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue
    return total


def busy_cpu_seconds() -> float:
    """CPU seconds all cores spent busy since boot (everything but idle and I/O wait)."""
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


@dataclass
class CpuShare:
    """Started before a measurement, ``finish`` gives who used the cores meanwhile."""

    ours: list[int]
    started: float = 0.0
    busy0: float = 0.0
    ours0: float = 0.0

    def start(self) -> CpuShare:
        self.started = time.monotonic()
        self.busy0 = busy_cpu_seconds()
        self.ours0 = tree_cpu_seconds([os.getpid(), *self.ours])
        return self

    def finish(self) -> dict:
        wall = time.monotonic() - self.started
        cores = psutil.cpu_count() or 1
        busy = busy_cpu_seconds() - self.busy0
        ours = tree_cpu_seconds([os.getpid(), *self.ours]) - self.ours0
        others = max(0.0, busy - ours)
        available = wall * cores
        return {"seconds": wall, "cores": cores,
                "ours_share": ours / available if available else 0.0,
                "others_share": others / available if available else 0.0,
                "busy": available > 0 and others / available > BUSY_SHARE}


def load_snapshot() -> dict:
    one, five, fifteen = os.getloadavg()
    return {"load_1min": one, "load_5min": five, "load_15min": fifteen,
            "cores": psutil.cpu_count() or 1}


def busy_note(share: dict) -> str:
    if share.get("busy"):
        return (f"BUSY MACHINE: other programs used {share['others_share']:.0%} of the "
                f"{share['cores']} cores during this run; figures are slower than a quiet "
                f"machine gives. Re-run when it is quiet for the real figures.")
    return (f"Quiet enough: other programs used {share.get('others_share', 0):.0%} of the "
            f"{share.get('cores', '?')} cores during this run.")
