"""The knowledge search's held-out questions as held-out Rasa data for the ResponseSelector.

tests/knowledge/heldout_questions.yml maps questions written before the search was tuned,
and never trained on, to the card that answers each. Written as ``faq/<card id>`` examples
beside the other held-out files, `rasa test nlu` scores on them both the intent ``faq``
(so the Look up mode counts in the held-out macro-F1) and the ResponseSelector's card
(its response selection report). The questions keep their question marks, as typed.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kbs.knowledge.evaluation import HELDOUT_FILE, HeldOut, read_heldout
from kbs.knowledge.faq_data import FAQ_INTENT

FILE_NAME = "knowledge-heldout_questions.yml"


def faq_test_data(items: list[HeldOut]) -> dict:
    """Rasa NLU data with one ``faq/<card id>`` intent per card, in the order first met."""
    by_card: dict[str, list[str]] = {}
    for item in items:
        by_card.setdefault(item.card_id, []).append(" ".join(item.question.split()))
    return {"version": "3.1",
            "nlu": [{"intent": f"{FAQ_INTENT}/{card}", "examples": "".join(f"- {q}\n" for q in qs)}
                    for card, qs in by_card.items()]}


def write(target_dir: Path, source: Path = HELDOUT_FILE) -> Path:
    target_dir.mkdir(parents=True, exist_ok=True)
    path = target_dir / FILE_NAME
    path.write_text(yaml.safe_dump(faq_test_data(read_heldout(source)), sort_keys=False,
                                   allow_unicode=True, width=1000), encoding="utf-8")
    return path
