"""The persona engine: openness, hidden facts, replies."""

import json
from datetime import datetime

import pytest

from kbs.rehearsal import engine
from kbs.rehearsal.moves import moves
from kbs.rehearsal.personas import read_persona
from tests.unit.rehearse.conftest import write_persona

STARTED = datetime(2026, 1, 5, 10, 0)

# The documented direction of each move (docs/PERSONAS.md, "Moves"): good curiosity
# opens a carer up, probing holds openness where it is, reassurance and blame shut down.
DIRECTION = {
    "open_question": "up", "reflection": "up", "affirm_strength": "up", "explain_role": "up",
    "closed_question": "same", "name_concern": "same", "ask_specifics": "same",
    "ask_other_adults": "same", "ask_wider_family": "same", "safety_planning": "same",
    "challenge_inconsistency": "same",
    "premature_reassurance": "down", "judgemental_remark": "down",
}


def turn(state, persona, move_id, text="something"):
    return engine.take_turn(state, persona, moves()[move_id] if move_id else None, text)


def test_every_move_has_a_documented_direction():
    assert set(DIRECTION) == set(moves())


@pytest.mark.parametrize("move_id", sorted(DIRECTION))
def test_each_move_changes_openness_in_its_documented_direction(neutral_persona, move_id):
    state = engine.start(neutral_persona, 1, STARTED)
    after = turn(state, neutral_persona, move_id)["openness"]
    change = {"up": after > state["openness"], "same": after == state["openness"],
              "down": after < state["openness"]}
    assert change[DIRECTION[move_id]], f"{move_id}: {state['openness']} -> {after}"


def test_small_talk_leaves_openness_alone(neutral_persona):
    state = engine.start(neutral_persona, 1, STARTED)
    after = turn(state, neutral_persona, None, "hello")
    assert after["openness"] == state["openness"]
    assert after["transcript"][-2]["move"] == "small_talk"


def test_openness_stays_on_the_scale(neutral_persona):
    state = engine.start(neutral_persona, 1, STARTED)
    for _ in range(8):
        state = turn(state, neutral_persona, "judgemental_remark")
    assert state["openness"] == 0
    for _ in range(8):
        state = turn(state, neutral_persona, "open_question")
    assert state["openness"] == 5


def test_a_persona_can_override_a_moves_effect(tmp_path, persona_doc):
    persona_doc["openness_changes"] = {"explain_role": 2, "name_concern": -1}
    persona = read_persona(write_persona(tmp_path, persona_doc), moves())
    state = engine.start(persona, 1, STARTED)
    assert turn(state, persona, "explain_role")["openness"] == 4
    assert turn(state, persona, "name_concern")["openness"] == 1


def test_a_fact_unlocked_by_a_move_needs_that_move_and_enough_openness(persona):
    state = engine.start(persona, 1, STARTED)  # openness 2, the fact needs 3
    early = turn(state, persona, "ask_wider_family", "who helps you?")
    assert early["uncovered"] == []
    assert early["transcript"][-2]["near_miss"] == "by_move"
    assert early["transcript"][-1]["text"] == "Family's fine."  # deflected
    opened = turn(turn(state, persona, "reflection"), persona, "ask_wider_family", "family?")
    assert opened["uncovered"] == ["by_move"]
    assert opened["transcript"][-1]["text"] == "My sister worries."


def test_a_fact_unlocked_by_a_topic_takes_any_move_mentioning_it(persona):
    state = engine.start(persona, 1, STARTED)
    assert turn(state, persona, "open_question", "What are nights like?")["uncovered"] == \
        ["by_topic"]
    assert turn(state, persona, "closed_question", "Is it NIGHTLY?")["uncovered"] == ["by_topic"]
    assert turn(state, persona, "open_question", "What are days like?")["uncovered"] == []


def test_a_fact_with_moves_and_topics_needs_both(persona):
    state = {**engine.start(persona, 1, STARTED), "openness": 5}
    assert turn(state, persona, "ask_specifics", "How much wine?")["uncovered"] == ["by_both"]
    assert turn(state, persona, "ask_specifics", "How many hours?")["uncovered"] == []
    assert turn(state, persona, "closed_question", "Do you drink?")["uncovered"] == []


def test_a_topic_without_a_star_matches_only_the_whole_word(persona_doc, tmp_path):
    persona_doc["hidden_facts"][1]["unlocked_by"] = {"topics": ["ex", "look after"]}
    persona = read_persona(write_persona(tmp_path, persona_doc), moves())
    state = engine.start(persona, 1, STARTED)
    assert turn(state, persona, "open_question", "Are you exhausted?")["uncovered"] == []
    assert turn(state, persona, "open_question", "And your ex?")["uncovered"] == ["by_topic"]
    assert turn(state, persona, "open_question", "Who will look after her?")["uncovered"] == \
        ["by_topic"]


@pytest.mark.parametrize("move_id", ["premature_reassurance", "judgemental_remark"])
def test_reassurance_and_blame_never_uncover_a_fact(persona, move_id):
    state = {**engine.start(persona, 1, STARTED), "openness": 5}
    after = turn(state, persona, move_id, "nights and drink and wine")
    assert after["uncovered"] == [] and after["transcript"][-2]["near_miss"] is None


@pytest.mark.parametrize("move_id", ["premature_reassurance", "judgemental_remark", None])
def test_reassurance_blame_and_small_talk_raise_no_fact(persona, move_id):
    state = engine.start(persona, 1, STARTED)
    after = turn(state, persona, move_id, "Your sister and a bottle a night? Don't worry.")
    assert after["transcript"][-2]["raised"] == []


def test_a_fact_the_practitioner_names_herself_is_recorded_as_raised_until_it_is_told(persona):
    state = engine.start(persona, 1, STARTED)  # openness 2
    # The move does not unlock by_move (ask_wider_family would) and by_both needs openness 4.
    state = turn(state, persona, "closed_question", "Does your sister know about the bottles?")
    line = state["transcript"][-2]
    assert line["raised"] == ["by_move", "by_both"] and state["uncovered"] == []
    # A fact told in the same turn is uncovered, not raised.
    told = turn({**state, "openness": 4}, persona, "ask_wider_family", "Does your sister help?")
    assert told["uncovered"] == ["by_move"] and told["transcript"][-2]["raised"] == []


def test_a_fact_is_told_once(persona):
    state = engine.start(persona, 1, STARTED)
    state = turn(state, persona, "open_question", "nights?")
    again = turn(state, persona, "open_question", "nights?")
    assert again["uncovered"] == ["by_topic"]
    assert again["transcript"][-1]["text"].startswith("open_question reply")


def test_replies_vary_and_the_same_seed_gives_the_same_conversation(persona):
    def conversation(seed):
        state = engine.start(persona, seed, STARTED)
        for _ in range(3):
            state = turn(state, persona, "closed_question")
        return [line["text"] for line in state["transcript"] if line["speaker"] == "carer"][1:]

    first = conversation(7)
    assert first == conversation(7)
    assert len(set(first)) == 3  # no line repeated while another is left
    assert any(conversation(seed) != first for seed in range(1, 20))


def test_a_turn_leaves_the_given_state_unchanged(persona):
    state = engine.start(persona, 1, STARTED)
    before = repr(state)
    turn(state, persona, "open_question", "nights?")
    assert repr(state) == before


def test_the_state_starts_with_the_opening_and_is_json_ready(persona):
    state = engine.start(persona, 3, STARTED)
    assert engine.carer_line(state) == "Hello."
    assert json.loads(json.dumps(state)) == state
    assert state["started_at"] == "2026-01-05T10:00:00"
