"""Entity F1 of the spaCy entity extractor on annotated held-out examples.

`rasa test nlu` leaves SpacyEntityExtractor out of its entity evaluation (it counts it as a
pre-trained extractor), so `kbs eval pipelines` scores it here: an entity counts as found only when
its span and type both match an annotation exactly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from kbs.measure.nlu_results import LabelScore
from kbs.paths import CONFIG_FILE

Span = tuple[int, int, str]  # start, end, entity type


@dataclass(frozen=True)
class Example:
    text: str
    entities: frozenset[Span]


@dataclass(frozen=True)
class EntityScores:
    by_type: list[LabelScore]
    micro_f1: float | None
    misses: list[tuple[str, str]]  # (text, what went wrong), for the report


def nlu_files(folder: Path) -> list[Path]:
    """The Rasa NLU files under ``folder`` (entity pattern files and configs are left out)."""
    from rasa.shared.data import is_nlu_file

    return [path for path in sorted(folder.rglob("*.yml")) if is_nlu_file(str(path))]


def annotated_count(folder: Path) -> int:
    """How many examples under ``folder`` carry entity annotations."""
    from rasa.shared.nlu.training_data.loading import load_data

    return sum(len(load_data(str(path)).entity_examples) for path in nlu_files(folder))


def held_out_examples(folder: Path, annotated_only: bool = False) -> list[Example]:
    """Every example of the NLU files in ``folder`` (other YAML files are skipped).

    With ``annotated_only``, only files with at least one entity annotation count: a file
    without any was not written to score entities, and every entity found in it would
    count as a wrong find.
    """
    from rasa.shared.nlu.training_data.loading import load_data

    examples = []
    for path in nlu_files(folder):
        found = [Example(m.get("text"), frozenset((e["start"], e["end"], e["entity"])
                                                  for e in m.get("entities") or []))
                 for m in load_data(str(path)).nlu_examples]
        if not annotated_only or any(example.entities for example in found):
            examples += found
    return examples


def score(examples: Iterable[Example], predict: Callable[[str], Iterable[Span]],
          types: Iterable[str] | None = None) -> EntityScores:
    """Precision, recall and F1 per entity type (exact span and type), and micro-F1."""
    found, missed, extra = Counter(), Counter(), Counter()
    misses = []
    for example in examples:
        predicted = frozenset(predict(example.text))
        for span in example.entities & predicted:
            found[span[2]] += 1
        for span in example.entities - predicted:
            missed[span[2]] += 1
            misses.append((example.text, f"missed {_show(example.text, span)}"))
        for span in predicted - example.entities:
            extra[span[2]] += 1
            misses.append((example.text, f"wrongly found {_show(example.text, span)}"))
    labels = sorted(set(types or []) | set(found) | set(missed) | set(extra))
    scores = [_label(name, found[name], missed[name], extra[name]) for name in labels]
    tp, fn, fp = sum(found.values()), sum(missed.values()), sum(extra.values())
    micro = _f1(tp, fp, fn) if tp + fn + fp else None
    return EntityScores(scores, micro, misses)


def spacy_dimensions(config_file: Path = CONFIG_FILE) -> list[str] | None:
    """The entity types config.yml's SpacyEntityExtractor reports; None without one."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    for step in config.get("pipeline") or []:
        if isinstance(step, dict) and step.get("name") == "SpacyEntityExtractor":
            return list(step.get("dimensions") or [])
    return None


def spacy_predictor(dimensions: list[str]) -> Callable[[str], list[Span]]:
    """The entities SpacyEntityExtractor would report, from the project's spaCy pipeline."""
    from kbs.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    wanted = set(dimensions)

    def predict(text: str) -> list[Span]:
        return [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents
                if not wanted or e.label_ in wanted]
    return predict


def _label(name: str, tp: int, fn: int, fp: int) -> LabelScore:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return LabelScore(name, precision, recall, _f1(tp, fp, fn), tp + fn)


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _show(text: str, span: Span) -> str:
    return f"{text[span[0]:span[1]]!r} as {span[2]}"
