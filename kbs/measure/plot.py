"""The bench's picture: the latency distribution, and latency against concurrency."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display

import matplotlib.pyplot as plt  # noqa: E402


def bench_plot(path: Path, turn_ms: list[float], floor_ms: list[float], main_label: str,
               levels: list[dict], target_ms: float, saturation: dict | None = None) -> Path:
    """``levels``: one dict per concurrency with concurrency, p50, p95, turns_per_second."""
    figure, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8))
    top = max([*turn_ms, *floor_ms, target_ms], default=target_ms) * 1.05
    bins = [top * i / 60 for i in range(61)]
    if turn_ms:
        left.hist(turn_ms, bins=bins, alpha=0.75, label=f"turn through Flask ({main_label})")
    if floor_ms:
        left.hist(floor_ms, bins=bins, alpha=0.6, label="Rasa /model/parse (floor)")
    left.axvline(target_ms, color="red", linestyle="--", label=f"p95 target {target_ms:.0f} ms")
    left.set_xlabel("latency (ms)")
    left.set_ylabel("turns")
    left.set_title("Latency distribution")
    left.legend(fontsize=8)

    ordered = sorted(levels, key=lambda row: row["concurrency"])
    xs = [row["concurrency"] for row in ordered]
    right.plot(xs, [row["p50"] for row in ordered], marker="o", label="p50")
    right.plot(xs, [row["p95"] for row in ordered], marker="s", label="p95")
    for row in ordered:
        right.annotate(f"{row['turns_per_second']:.1f}/s", (row["concurrency"], row["p95"]),
                       textcoords="offset points", xytext=(4, 6), fontsize=8)
    right.axhline(target_ms, color="red", linestyle="--", label=f"target {target_ms:.0f} ms")
    if saturation:
        right.scatter([saturation["concurrency"]], [saturation["p95"]], marker="x",
                      color="black", zorder=3,
                      label=f"no pauses: {saturation['turns_per_second']:.1f} turns/s, p95")
    if xs and max(xs) / max(min(xs), 1) >= 10:
        right.set_xscale("log")
    right.set_xticks(xs)
    right.set_xticklabels([str(x) for x in xs])
    right.set_xlabel("practitioners at once (1 s between turns)")
    right.set_ylabel("turn latency (ms)")
    right.set_title("Latency against concurrency (labels: turns/s)")
    right.legend(fontsize=8)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
