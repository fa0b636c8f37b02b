"""Reading what `rasa test nlu` writes: intent, entity and response-selection reports.

Macro-F1 is the plain mean of the F1 of each intent the test data holds (support > 0):
intents only ever predicted (``nlu_fallback``, say) are not averaged in, but every wrong
prediction still lowers the recall of the intent it missed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

SUMMARY_ROWS = {"accuracy", "macro avg", "weighted avg", "micro avg"}
INTENT_REPORT = "intent_report.json"
RESPONSE_REPORT = "response_selection_report.json"
ENTITY_REPORT_SUFFIX = "_report.json"
NOT_ENTITY_REPORTS = {INTENT_REPORT, RESPONSE_REPORT}


@dataclass(frozen=True)
class LabelScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Confusion:
    expected: str
    predicted: str
    count: int


@dataclass
class NluResult:
    """One model on one test set (held-out or cross-validation)."""

    intents: list[LabelScore]
    confusions: list[Confusion]
    entities: dict[str, list[LabelScore]]  # extractor -> scores per entity type
    entity_f1: dict[str, float]  # extractor -> micro-averaged F1 over entity types
    response_accuracy: float | None  # None when no response selector was evaluated
    accuracy: float | None

    @property
    def macro_f1(self) -> float:
        return macro_f1(self.intents)

    def worst(self, count: int = 5) -> list[LabelScore]:
        return sorted(self.intents, key=lambda s: (s.f1, s.label))[:count]

    def most_confused(self, count: int = 5) -> list[Confusion]:
        return self.confusions[:count]

    def as_dict(self) -> dict:
        return {"macro_f1": self.macro_f1 if self.intents else None,
                "accuracy": self.accuracy,
                "intents": [asdict(s) for s in self.intents],
                "most_confused": [asdict(c) for c in self.most_confused()],
                "entity_f1": self.entity_f1,
                "entities": {name: [asdict(s) for s in scores]
                             for name, scores in self.entities.items()},
                "response_selection_accuracy": self.response_accuracy}


class MissingReport(FileNotFoundError):
    """Rasa wrote no intent report where one was expected (it failed, or found no data)."""


def macro_f1(scores: list[LabelScore]) -> float:
    held = [s for s in scores if s.support > 0]
    if not held:
        raise ValueError("no intent with test examples to average")
    return sum(s.f1 for s in held) / len(held)


def label_scores(report: dict) -> list[LabelScore]:
    """The labels with examples in the test data, alphabetically."""
    return sorted((LabelScore(name, float(row.get("precision", 0.0)),
                              float(row.get("recall", 0.0)), float(row.get("f1-score", 0.0)),
                              int(row.get("support", 0)))
                   for name, row in report.items()
                   if name not in SUMMARY_ROWS and isinstance(row, dict) and row.get("support")),
                  key=lambda s: s.label)


def confusions(report: dict) -> list[Confusion]:
    """Every (expected, predicted) pair Rasa counted, most frequent first."""
    pairs = [Confusion(name, predicted, int(count))
             for name, row in report.items()
             if name not in SUMMARY_ROWS and isinstance(row, dict)
             for predicted, count in (row.get("confused_with") or {}).items() if count]
    return sorted(pairs, key=lambda c: (-c.count, c.expected, c.predicted))


def micro_f1(report: dict) -> float | None:
    """The micro-averaged F1 over labels; Rasa writes it as "micro avg" (or "accuracy")."""
    for key in ("micro avg", "accuracy"):
        row = report.get(key)
        if isinstance(row, dict) and "f1-score" in row:
            return float(row["f1-score"])
        if isinstance(row, int | float):
            return float(row)
    return None


def read(directory: Path) -> NluResult:
    intent_file = directory / INTENT_REPORT
    if not intent_file.exists():
        raise MissingReport(f"no {INTENT_REPORT} in {directory}: see the Rasa log beside it")
    report = _load(intent_file)
    entities, entity_f1 = {}, {}
    for path in sorted(directory.glob(f"*{ENTITY_REPORT_SUFFIX}")):
        if path.name in NOT_ENTITY_REPORTS:
            continue
        extractor = path.name.removesuffix(ENTITY_REPORT_SUFFIX)
        entity_report = _load(path)
        entities[extractor] = label_scores(entity_report)
        entity_f1[extractor] = micro_f1(entity_report)
    response = None
    if (directory / RESPONSE_REPORT).exists():
        response = _accuracy(_load(directory / RESPONSE_REPORT))
    return NluResult(label_scores(report), confusions(report), entities, entity_f1, response,
                     _accuracy(report))


def _accuracy(report: dict) -> float | None:
    value = report.get("accuracy")
    if isinstance(value, dict):
        value = value.get("f1-score")
    return float(value) if isinstance(value, int | float) else None


def _load(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not a Rasa report (expected a JSON object)")
    return data
