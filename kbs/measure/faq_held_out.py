"""The knowledge search's held-out questions as held-out Rasa data for the intent ``faq``.

tests/knowledge/heldout_questions.yml maps questions written before the search was tuned,
and never trained on, to the card that answers each. Written as examples of ``faq`` beside
the other held-out files, `rasa test nlu` scores the intent on them, so the Look up mode
counts in the held-out macro-F1. Which card answers is the knowledge search's choice,
scored by `kbs eval pipelines` (and `kbs eval knowledge`) on the same questions. The questions keep
their question marks, as typed.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kbs.knowledge.evaluation import HELDOUT_FILE, HeldOut, read_heldout
from kbs.knowledge.faq_data import FAQ_INTENT

FILE_NAME = "knowledge-heldout_questions.yml"


def faq_test_data(items: list[HeldOut]) -> dict:
    """Rasa NLU data: every question an example of the intent ``faq``, in the file's order."""
    return {"version": "3.1",
            "nlu": [{"intent": FAQ_INTENT, "examples": "".join(
                f"- {' '.join(item.question.split())}\n" for item in items)}]}


def write(target_dir: Path, source: Path = HELDOUT_FILE) -> Path:
    target_dir.mkdir(parents=True, exist_ok=True)
    path = target_dir / FILE_NAME
    path.write_text(yaml.safe_dump(faq_test_data(read_heldout(source)), sort_keys=False,
                                   allow_unicode=True, width=1000), encoding="utf-8")
    return path
