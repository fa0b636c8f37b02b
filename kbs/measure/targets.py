"""The targets we hold ourselves to (issue 9), checked and printed beside each figure."""

from __future__ import annotations

import math
from dataclasses import dataclass

MET, MISSED, NOT_MEASURED = "met", "MISSED", "not measured"


@dataclass(frozen=True)
class Check:
    """One figure against its target: ``value <op> limit``."""

    name: str
    value: float | None
    op: str  # "<=" or ">="
    limit: float
    unit: str = ""
    note: str = ""

    @property
    def verdict(self) -> str:
        if any(v is None or math.isnan(v) for v in (self.value, self.limit)):
            return NOT_MEASURED
        if self.op == "<=":
            return MET if self.value <= self.limit else MISSED
        if self.op == ">=":
            return MET if self.value >= self.limit else MISSED
        raise ValueError(f"unknown comparison {self.op!r}")

    @property
    def met(self) -> bool:
        return self.verdict == MET

    def shortfall(self) -> str:
        """By how much a missed target is missed ("" otherwise)."""
        if self.verdict != MISSED:
            return ""
        gap = abs(self.value - self.limit)
        relative = f" ({gap / self.limit:.0%})" if self.limit else ""
        return f"missed by {_number(gap)}{self.unit}{relative}"

    def line(self) -> str:
        value = "-" if self.verdict == NOT_MEASURED else f"{_number(self.value)}{self.unit}"
        limit = "-" if self.limit is None or math.isnan(self.limit) else _number(self.limit)
        text = f"{self.name}: {value}  (target {self.op} {limit}{self.unit}: {self.verdict}"
        if self.shortfall():
            text += f", {self.shortfall()}"
        text += ")"
        return text + (f"  {self.note}" if self.note else "")

    def as_dict(self) -> dict:
        return {"name": self.name, "value": self.value, "op": self.op, "limit": self.limit,
                "unit": self.unit.strip(), "verdict": self.verdict, "note": self.note}


def _number(value: float) -> str:
    if value == 0 or abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"
