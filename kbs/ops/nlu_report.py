"""Per-intent F1 and macro-F1 from the report `rasa test nlu` writes (intent_report.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

TARGET_MACRO_F1 = 0.85
SUMMARY_ROWS = {"accuracy", "macro avg", "weighted avg", "micro avg"}


@dataclass(frozen=True)
class IntentScore:
    intent: str
    precision: float
    recall: float
    f1: float
    support: int


def intent_scores(report_file: Path) -> list[IntentScore]:
    """The intents the test data holds (support > 0): intents it never holds are left out,
    though a wrong prediction of one still lowers the recall of the intent it missed."""
    report = json.loads(report_file.read_text(encoding="utf-8"))
    return sorted((IntentScore(name, row["precision"], row["recall"], row["f1-score"],
                               row["support"])
                   for name, row in report.items()
                   if name not in SUMMARY_ROWS and row.get("support")),
                  key=lambda score: score.intent)


def macro_f1(scores: list[IntentScore]) -> float:
    return sum(s.f1 for s in scores) / len(scores)


def report_table(scores: list[IntentScore]) -> str:
    width = max(len(s.intent) for s in scores)
    lines = [f"{'intent'.ljust(width)}  precision  recall     f1  support"]
    lines += [f"{s.intent.ljust(width)}  {s.precision:9.2f}  {s.recall:6.2f}  {s.f1:5.2f}  "
              f"{s.support:7d}" for s in scores]
    return "\n".join(lines)
