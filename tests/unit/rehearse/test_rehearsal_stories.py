"""The rehearsals in tests/stories/test_rehearse.yml, replayed through the persona engine.

The test stories check what Rasa does with each message; here the same messages, with the
moves they are labelled as, are played to the persona to check what the carer gives away
and what the feedback says.
"""

from datetime import datetime

import pytest

from kbs.rehearsal import engine
from kbs.rehearsal.feedback import build_feedback
from kbs.rehearsal.feedback_text import feedback_text
from kbs.rehearsal.moves import moves
from kbs.rehearsal.personas import personas
from tests.rehearsal_stories import (
    EARLY_FINISH,
    GOOD_CURIOSITY,
    PREMATURE_REASSURANCE,
    rehearsal_in,
)


def played(story_name, seed=11):
    persona_id, turns = rehearsal_in(story_name)
    persona = personas()[persona_id]
    state = engine.start(persona, seed, datetime(2026, 1, 5, 10, 0))
    for intent, words in turns:
        state = engine.take_turn(state, persona, moves().get(intent.removeprefix("move_")), words)
    return persona, state


def feedback_of(story_name):
    persona, state = played(story_name)
    return build_feedback(persona, moves(), state)


def test_good_curiosity_uncovers_every_hidden_fact():
    feedback = feedback_of(GOOD_CURIOSITY)
    assert len(feedback["uncovered"]) == feedback["facts_total"] == 5
    assert feedback["missed"] == []
    assert "You uncovered 5 of 5 hidden facts." in feedback_text(feedback)


def test_premature_reassurance_uncovers_nothing_and_feedback_names_the_misses():
    feedback = feedback_of(PREMATURE_REASSURANCE)
    assert feedback["uncovered"] == []
    text = feedback_text(feedback)
    for fact in personas()["mother_drinking"].hidden_facts:
        assert fact.summary in text
    reassurance = moves()["premature_reassurance"]
    assert {"move": "premature_reassurance", "label": reassurance.label, "count": 3} in \
        feedback["moves"]
    assert any(m["quote"] == "Don't worry, lots of mums have a glass of wine at the end of "
               "the day" and m["comment"] == reassurance.better for m in feedback["moments"])


def test_an_early_finish_names_everything_that_was_missed():
    feedback = feedback_of(EARLY_FINISH)
    assert feedback["uncovered"] == []
    father = personas()["father_not_engaging"]
    assert [f["id"] for f in feedback["missed"]] == [f.id for f in father.hidden_facts]
    text = feedback_text(feedback)
    assert "You uncovered 0 of 4 hidden facts." in text
    assert all(f.tip in text for f in father.hidden_facts)


@pytest.mark.parametrize("seed", range(5))
def test_the_good_rehearsal_does_not_depend_on_the_seed(seed):
    _, state = played(GOOD_CURIOSITY, seed)
    assert len(state["uncovered"]) == 5
