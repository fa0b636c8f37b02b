"""Rehearse mode through the three real processes: Flask, Rasa and the action server."""

import json
import sqlite3

import pytest

from kbs.rehearsal.personas import personas
from tests.integration.conftest import start_assistant, stop_assistant
from tests.rehearsal_stories import GOOD_CURIOSITY, PREMATURE_REASSURANCE, rehearsal_in

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def rehearsing(tmp_path_factory):
    """The assistant with its own project database, and that database's file."""
    folder = tmp_path_factory.mktemp("rehearse")
    database = folder / "kbs.db"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KBS_DATABASE_URL", f"sqlite:///{database}")
        running = start_assistant(folder)
    yield running, database
    stop_assistant(running)


def text(messages):
    return "\n".join(m["text"] for m in messages)


def rehearse(chat, story_name):
    persona_id, turns = rehearsal_in(story_name)
    persona = personas()[persona_id]
    offered = chat.say("/start_rehearse")
    assert f'/start_rehearse{{"persona": "{persona_id}"}}' in \
        [b["payload"] for m in offered for b in m["buttons"]]
    opening = chat.say(f'/start_rehearse{{"persona": "{persona_id}"}}')
    assert f"I will play {persona.name}" in text(opening)
    assert f"{persona.name}: {persona.opening}" in text(opening)
    for _, words in turns:
        reply = chat.say(words)
        assert reply[-1]["text"].startswith(f"{persona.name}: "), (words, reply)
    return text(chat.say("finish"))


def saved_rehearsals(database):
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT owner, persona, transcript, feedback, finished_at FROM rehearsals "
            "ORDER BY id").fetchall()
    return [(owner, persona, json.loads(transcript), json.loads(feedback), finished)
            for owner, persona, transcript, feedback, finished in rows]


def test_good_curiosity_uncovers_everything_and_is_saved(rehearsing):
    assistant, database = rehearsing
    feedback = rehearse(assistant.session(), GOOD_CURIOSITY)
    assert "You uncovered 5 of 5 hidden facts." in feedback
    assert "Learning point (review LDS19/OD20, 5.8, 5.14-5.16)" in feedback
    assert "saved" in feedback
    [(owner, persona, transcript, saved, finished)] = saved_rehearsals(database)
    assert persona == "mother_drinking" and finished and owner
    assert len(saved["uncovered"]) == 5 and saved["missed"] == []
    _, turns = rehearsal_in(GOOD_CURIOSITY)
    said = [line["text"] for line in transcript if line["speaker"] == "practitioner"]
    assert said == [words for _, words in turns]


def test_premature_reassurance_uncovers_nothing_and_names_what_was_missed(rehearsing):
    assistant, database = rehearsing
    feedback = rehearse(assistant.session(), PREMATURE_REASSURANCE)
    assert "You uncovered 0 of 5 hidden facts." in feedback
    for fact in personas()["mother_drinking"].hidden_facts:
        assert fact.summary in feedback
    assert "premature reassurance x3" in feedback
    assert 'You said: "Don\'t worry, lots of mums have a glass of wine' in feedback
    assert saved_rehearsals(database)[-1][3]["uncovered"] == []


def test_menu_in_the_middle_ends_with_feedback_and_the_next_message_is_not_a_move(rehearsing):
    assistant, _ = rehearsing
    chat = assistant.session()
    chat.say("/start_rehearse")
    chat.say('/start_rehearse{"persona": "family_celebration"}')
    feedback = text(chat.say("menu"))
    assert "You uncovered 0 of 4 hidden facts." in feedback
    after = chat.say("hello")
    assert "/start_rehearse" in [b["payload"] for m in after for b in m["buttons"]]
