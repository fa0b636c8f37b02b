"""The results history: one JSON line per `kbs eval pipelines` or `kbs bench` run, oldest first.

Each line holds the run's headline figures, so a change can be compared with the last run
of the same kind (`previous`, `changes`).
"""

from __future__ import annotations

import json
import math
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from kbs.paths import ROOT

HISTORY_FILE = ROOT / "results" / "history.jsonl"


def entry(kind: str, figures: dict[str, float | None], **extra) -> dict:
    return {"kind": kind, "time": datetime.now(UTC).isoformat(timespec="seconds"),
            **code_version(), "figures": figures, **extra}


def append(record: dict, path: Path = HISTORY_FILE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(record, sort_keys=True) + "\n")


def previous(kind: str, path: Path = HISTORY_FILE, **match) -> dict | None:
    """The last recorded run of ``kind`` (whose fields equal ``match``, when given); lines
    that are not JSON are skipped."""
    if not path.exists():
        return None
    last = None
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict) and record.get("kind") == kind and all(
                record.get(key) == value for key, value in match.items()):
            last = record
    return last


def changes(before: dict | None, figures: dict[str, float | None]) -> list[str]:
    """One line per figure: its value in the previous run and now."""
    if not before:
        return []
    old = before.get("figures") or {}
    lines = []
    for name, value in figures.items():
        was = old.get(name)
        if not _is_number(value) or not _is_number(was):
            continue
        lines.append(f"{name}: {was:.4g} -> {value:.4g} ({value - was:+.3g})")
    return lines


def code_version() -> dict:
    """The commit measured, and whether the checkout had uncommitted changes."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return ""
    return {"commit": git("rev-parse", "--short", "HEAD") or None,
            "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not (isinstance(value, float)
                                                  and math.isnan(value))
