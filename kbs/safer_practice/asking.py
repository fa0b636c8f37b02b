"""How a question is put in the chat: its wording and buttons, from the catalogue, and what
a free-text answer was taken to say beyond the question."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kbs.safer_practice.answers import UNKNOWN, YES
from kbs.safer_practice.catalogue import Catalogue, sentence_case, with_carer

ANSWER_TITLES = {"yes": "Yes", "no": "No", "unknown": "Not sure"}
ANSWER_WORDS = {"yes": "yes", "no": "no", "unknown": "not sure"}  # what the buttons send


def question_text(catalogue: Catalogue, question_id: str, carer: str | None = None) -> str:
    ask = catalogue.questions[question_id].ask.strip()
    return with_carer(ask, catalogue["carer_labels"][carer]) if carer else ask


def buttons(catalogue: Catalogue, question_id: str) -> list[dict[str, str]]:
    """Buttons send words, read like typed answers (or, for places, the place itself)."""
    question = catalogue.questions[question_id]
    if question.answer == "yes_no":
        titles = {**ANSWER_TITLES, **(question.buttons or {})}
        return [{"title": titles[a], "payload": ANSWER_WORDS[a]} for a in ANSWER_TITLES]
    if question.answer == "place":
        places = catalogue["places"]
        return [*({"title": sentence_case(places[p]["label"]),
                   "payload": _payload("describe_sleep", sleep_place=p)}
                  for p in question.buttons),
                {"title": ANSWER_TITLES[UNKNOWN], "payload": ANSWER_WORDS[UNKNOWN]}]
    return [{"title": sentence_case(" and ".join(group)), "payload": " and ".join(group)}
            for group in question.buttons]


def noted(catalogue: Catalogue, update: Mapping[str, Any], asked: str | None) -> list[str]:
    """What a message said beyond the question asked, in words to confirm back."""
    places = catalogue.document.get("places", {})
    said = []
    for key, value in update.items():
        question = catalogue.questions.get(key)
        if key == asked or question is None:
            continue
        if question.answer == "place" and value in places:
            said.append(places[value]["label"])
        elif question.risk and value == question.risk.when:
            said.append(question.risk.noted)
        elif question.noted and value == YES:
            said.append(question.noted)
    return said


def _payload(intent: str, **entities: Any) -> str:
    return f"/{intent}{json.dumps(entities)}"
