"""Latency statistics: percentiles, summaries and throughput."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass


def percentile(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` (0..1) percentile, interpolated linearly between the nearest ranks.

    The same definition as numpy's default, so p50 of an even count is the mean of the
    middle two. An empty sequence has no percentile (NaN).
    """
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be between 0 and 1, not {fraction}")
    ordered = sorted(values)
    if not ordered:
        return math.nan
    position = (len(ordered) - 1) * fraction
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


@dataclass(frozen=True)
class LatencySummary:
    """Latencies in milliseconds."""

    count: int
    p50: float
    p95: float
    max: float
    mean: float

    @classmethod
    def of(cls, latencies_ms: Sequence[float]) -> LatencySummary:
        if not latencies_ms:
            return cls(0, math.nan, math.nan, math.nan, math.nan)
        return cls(len(latencies_ms), percentile(latencies_ms, 0.5),
                   percentile(latencies_ms, 0.95), max(latencies_ms),
                   sum(latencies_ms) / len(latencies_ms))

    def as_dict(self) -> dict:
        return {key: (None if isinstance(value, float) and math.isnan(value) else value)
                for key, value in asdict(self).items()}


def rate(count: int, seconds: float) -> float:
    """Events per second; 0 when nothing was timed."""
    return count / seconds if seconds > 0 else 0.0
