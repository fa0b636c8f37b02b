"""A small valid persona that tests change one field at a time, and the real move catalogue."""

import copy

import pytest
import yaml

from kbs.rehearsal.moves import SMALL_TALK, moves
from kbs.rehearsal.personas import read_persona

PERSONA = {
    "id": "test_carer",
    "title": "A carer for tests",
    "name": "Alex",
    "who": "A fictional carer.",
    "briefing": "A home visit.",
    "opening": "Hello.",
    "openness": 2,
    "hidden_facts": [
        {"id": "by_move", "summary": "Found by asking about family.",
         "unlocked_by": {"moves": ["ask_wider_family"]}, "raised_by": ["sister*"],
         "openness": 3,
         "reveal": ["My sister worries."], "deflect": ["Family's fine."],
         "tip": "Ask about the family."},
        {"id": "by_topic", "summary": "Found by mentioning the night.",
         "unlocked_by": {"topics": ["night*"]}, "openness": 1,
         "reveal": ["Nights are awful."], "deflect": ["Nights are fine."],
         "tip": "Ask about nights."},
        {"id": "by_both", "summary": "Found by asking for specifics about drink.",
         "unlocked_by": {"moves": ["ask_specifics"], "topics": ["drink*", "wine"]},
         "raised_by": ["bottle*", "how much"], "openness": 4,
         "reveal": ["A bottle a night."], "deflect": ["Hardly any."],
         "tip": "Ask how much."},
    ],
    "reactions": {kind: [f"{kind} reply one", f"{kind} reply two", f"{kind} reply three"]
                  for kind in [*moves(), SMALL_TALK]},
    "good_conversation": ["Finds out about the family."],
    "learning_point": {"sections": "5.8", "text": "Do not accept the script."},
}


def write_persona(directory, doc, name="test_carer"):
    path = directory / f"{name}.yml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def persona_doc():
    return copy.deepcopy(PERSONA)


@pytest.fixture
def persona(tmp_path, persona_doc):
    return read_persona(write_persona(tmp_path, persona_doc), moves())


@pytest.fixture
def neutral_persona(tmp_path, persona_doc):
    """No overrides and no hidden facts any move could touch: only the move's own effect."""
    persona_doc["hidden_facts"] = [{
        "id": "unreachable", "summary": "Never found.", "openness": 5,
        "unlocked_by": {"topics": ["zzzz"]}, "reveal": ["..."], "deflect": ["..."],
        "tip": "None."}]
    return read_persona(write_persona(tmp_path, persona_doc), moves())
