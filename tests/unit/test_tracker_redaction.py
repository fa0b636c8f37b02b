"""Text refused by the screening never stays in Rasa's tracker store (issue 19): the refusal
carries the words refused from the action to the Rasa server, and a real SQLite tracker
store writes the turn with the message and those words replaced by the marker."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from kbs.chat import SCREENED
from kbs.identifying import screening
from kbs.ops import tracker_redaction
from kbs.ops.tracker_redaction import redacted

from .actions.harness import parsed
from .actions.harness import run as run_action
from .actions.harness import tracker as a_tracker

rasa_events = pytest.importorskip("rasa.shared.core.events")

REFUSED = "They will stay with Kayleigh at 12 Elm Road, DOB 12.03.1990"
WORDS = ["Kayleigh", "12 Elm Road", "12.03.1990"]
MARKER = screening().removed


def turn_events(text: str, words: list[str]) -> list[dict]:
    return [
        {"event": "user", "text": "hello", "parse_data": {"text": "hello", "entities": []}},
        {"event": "bot", "text": "Hello.", "metadata": {}},
        {"event": "user", "text": text,
         "parse_data": {"text": text, "intent": {"name": "answer"},
                        "entities": [{"entity": "relation", "value": "Kayleigh"}]}},
        {"event": "slot", "name": "discuss_family_plan", "value": text},
        {"event": "bot", "text": f"I can't keep that note as it is: \"{words[0]}\" may be a name.",
         "metadata": {SCREENED: words}},
        {"event": "slot", "name": "discuss_family_plan", "value": None},
        {"event": "user", "text": "Dad will stay sober.", "parse_data": {"text": "x"}},
    ]


def test_the_refused_message_and_its_words_are_replaced_in_its_turn_only():
    events = turn_events(REFUSED, WORDS)
    cleaned = redacted(events)
    assert events[2]["text"] == REFUSED  # the events given are not changed
    user, slot, bot = cleaned[2], cleaned[3], cleaned[4]
    assert user["text"] == MARKER and user["parse_data"]["text"] == MARKER
    assert user["parse_data"]["entities"] == [] and user["parse_data"]["intent"]
    assert slot["value"] == MARKER
    assert "Kayleigh" not in bot["text"] and MARKER in bot["text"]
    assert SCREENED not in bot["metadata"]
    assert cleaned[:2] == events[:2] and cleaned[5:] == events[5:]  # other turns as they were
    assert not any(word in str(cleaned) for word in WORDS)


def test_events_without_a_refusal_are_written_as_they_are():
    events = turn_events("Dad will stay sober.", ["x"])
    events[4]["metadata"] = {"utter_action": "utter_x"}
    assert redacted(events) == events


@pytest.fixture
def store(tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    assert tracker_redaction.apply()  # Rasa 3.6, as installed
    return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))


def stored_rows(store) -> list[str]:
    path = store.engine.url.database
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT data FROM events ORDER BY id")]


def refusal_from_the_action() -> list[dict]:
    """What the action server answers to a family plan with a name and an address: the
    refusal with the words, as validate_safer_sleep_form sends it."""
    answers = {"sleep_night_place": "cot", "sleep_day_place": "cot", "sleep_shares": "no",
               "sleep_smoking": "no", "sleep_alcohol": "no", "sleep_drugs_or_medication": "no",
               "sleep_preterm": "no", "sleep_low_birth_weight": "no", "sleep_on_back": "yes",
               "sleep_overheating": "no", "sleep_routine": "no", "discuss_family_plan": None,
               "discuss_case_reference": "none", "requested_slot": "discuss_family_plan"}
    result = run_action("validate_safer_sleep_form", a_tracker(
        answers, parsed(REFUSED, "describe_routine"), sender="hv.one~c1",
        active_loop="safer_sleep_form"))
    return result.messages


def test_a_refusal_from_the_action_is_removed_from_a_real_sqlite_tracker_store(store):
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    responses = refusal_from_the_action()
    assert {"Kayleigh", "12 Elm Road", "12.03.1990"} <= set(responses[0][SCREENED])
    # Rasa turns the action server's answer into bot events as it does when it runs
    bot = asyncio.run(RemoteAction._utter_responses(responses, None, None, None))
    tracker = DialogueStateTracker("hv.one~c1", [])
    tracker.update(UserUttered("hello"))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered(REFUSED, {"name": "describe_routine", "confidence": 0.8},
                               [{"entity": "relation", "value": "Kayleigh", "start": 20,
                                 "end": 28}]))
    tracker.update(SlotSet("discuss_family_plan", REFUSED))
    for event in bot:
        tracker.update(event)
    asyncio.run(store.save(tracker))

    rows = "\n".join(stored_rows(store))
    assert MARKER in rows
    for word in ("Kayleigh", "Elm Road", "12.03.1990", REFUSED):
        assert word not in rows
    assert SCREENED not in rows
    # the conversation reads back, with the marker in the message's place
    again = asyncio.run(store.retrieve("hv.one~c1"))
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["hello", MARKER]
    # the next message is written as it is
    again.update(UserUttered("Dad will stay sober."))
    asyncio.run(store.save(again))
    assert "Dad will stay sober." in stored_rows(store)[-1]


def test_the_rasa_server_applies_the_redaction_even_when_stock(monkeypatch):
    from pathlib import Path

    from kbs.ops import rasa_server

    text = Path(rasa_server.__file__).read_text(encoding="utf-8")
    main = text[text.index("def main()"):]
    assert "tracker_redaction.apply()" in main
    monkeypatch.setenv("KBS_RASA_STOCK", "1")
    assert tracker_redaction.apply()  # not gated by KBS_RASA_STOCK
