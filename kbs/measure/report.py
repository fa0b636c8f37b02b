"""Writing a run's report: Markdown for people, JSON for tools, side by side."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path


def run_stem(kind: str, when: datetime | None = None) -> str:
    """A file name stem that sorts by time, e.g. ``bench-20261126-141503``."""
    return f"{kind}-{(when or datetime.now()).strftime('%Y%m%d-%H%M%S')}"


def write(directory: Path, stem: str, markdown: str, data: dict) -> tuple[Path, Path]:
    """``stem.md`` and ``stem.json`` in ``directory``, and ``latest.md``/``latest.json``."""
    directory.mkdir(parents=True, exist_ok=True)
    md, js = directory / f"{stem}.md", directory / f"{stem}.json"
    text = json.dumps(_plain(data), indent=2, sort_keys=True) + "\n"
    md.write_text(markdown, encoding="utf-8")
    js.write_text(text, encoding="utf-8")
    (directory / "latest.md").write_text(markdown, encoding="utf-8")
    (directory / "latest.json").write_text(text, encoding="utf-8")
    return md, js


def table(headers: Sequence[str], rows: Sequence[Sequence]) -> str:
    """A Markdown table; numbers formatted, ``None`` and NaN shown as "-"."""
    def cell(value) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "-"
        if isinstance(value, float):
            return f"{value:.3f}" if abs(value) < 10 else f"{value:.0f}"
        return str(value).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _plain(value):
    """JSON-safe: NaN becomes null, paths and other objects become strings."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
