"""The thin Rasa actions of Rehearse mode, on trackers built by hand."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.rehearse import (
    AskRehearsalPersona,
    AskRehearsalUtterance,
    RehearsalFeedback,
    ValidateRehearsalForm,
    rehearsal_intent,
)
from kbs.rehearsal import engine
from kbs.rehearsal.personas import personas
from kbs.store.database import engine_for, upgrade
from kbs.store.rehearsals import finished_rehearsals


def message(text, intent, confidence=0.9, ranking=None):
    return {"text": text, "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
            "entities": []}


def tracker(latest, **slots):
    return Tracker("sam~c1", slots, latest, [], False, None, {"name": "rehearsal_form"},
                   "action_listen")


def run(action, a_tracker):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, a_tracker, {})
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def started(persona_id="mother_drinking"):
    _, slots = run(ValidateRehearsalForm(), tracker(
        message('/start_rehearse{"persona": "x"}', "start_rehearse"),
        rehearsal_persona=persona_id))
    return slots["rehearsal"]


def test_choosing_a_persona_starts_the_rehearsal_with_a_briefing():
    messages, slots = run(ValidateRehearsalForm(), tracker(
        message("/start_rehearse", "start_rehearse"), rehearsal_persona="mother_drinking"))
    assert slots["rehearsal_persona"] == "mother_drinking"
    assert slots["rehearsal"]["openness"] == personas()["mother_drinking"].openness
    assert "I will play Lauren" in messages[0]["text"] and "finish" in messages[0]["text"]


def test_an_unknown_persona_is_said_plainly_and_asked_again():
    messages, slots = run(ValidateRehearsalForm(), tracker(
        message("/start_rehearse", "start_rehearse"), rehearsal_persona="nobody"))
    assert slots == {"rehearsal_persona": None}
    assert "no rehearsal called 'nobody'" in messages[0]["text"]


def test_typing_instead_of_choosing_asks_again_and_menu_leaves():
    awaiting = {"requested_slot": "rehearsal_persona"}
    messages, slots = run(ValidateRehearsalForm(), tracker(message("dad", "greet"), **awaiting))
    assert slots == {"rehearsal_persona": None} and "choose" in messages[0]["text"]
    _, slots = run(ValidateRehearsalForm(), tracker(message("menu", "show_menu"), **awaiting))
    assert slots == {"rehearsal_persona": None, "requested_slot": None}


def test_a_move_is_a_turn_and_the_carer_answers():
    state = started()
    _, slots = run(ValidateRehearsalForm(), tracker(
        message("How have the evenings been?", "move_open_question"), rehearsal=state))
    assert slots["rehearsal_utterance"] is None  # so the form asks for the next words
    new = slots["rehearsal"]
    assert new["transcript"][-2]["move"] == "open_question"
    messages, _ = run(AskRehearsalUtterance(), tracker(None, rehearsal=new))
    assert messages[0]["text"] == f"Lauren: {engine.carer_line(new)}"
    assert messages[0]["buttons"] == [{"title": "Finish and get feedback", "payload": "/finish"}]


@pytest.mark.parametrize("intent", ["greet", "thank"])
def test_greetings_in_a_rehearsal_are_small_talk_with_the_carer(intent):
    _, slots = run(ValidateRehearsalForm(), tracker(message("hi Lauren", intent),
                                                    rehearsal=started()))
    assert slots["rehearsal"]["transcript"][-2]["move"] == "small_talk"


@pytest.mark.parametrize("intent", ["finish", "goodbye", "show_menu"])
def test_finish_goodbye_and_menu_end_the_rehearsal(intent):
    _, slots = run(ValidateRehearsalForm(), tracker(message("finish", intent),
                                                    rehearsal=started()))
    assert slots == {"rehearsal_utterance": "finish", "requested_slot": None}


def test_help_and_unclear_messages_get_a_note_and_change_nothing():
    state = started()
    messages, slots = run(ValidateRehearsalForm(), tracker(message("help", "help"),
                                                           rehearsal=state))
    assert "rehearsing a conversation with Lauren" in messages[0]["text"]
    assert slots == {"rehearsal_utterance": None}
    messages, slots = run(ValidateRehearsalForm(), tracker(
        message("what's the weather", "out_of_scope"), rehearsal=state))
    assert "could not tell what kind of move" in messages[0]["text"]
    assert slots == {"rehearsal_utterance": None}


def test_a_fallback_in_a_rehearsal_takes_a_likely_move():
    ranking = [{"name": "nlu_fallback", "confidence": 0.5},
               {"name": "move_reflection", "confidence": 0.42},
               {"name": "greet", "confidence": 0.3}]
    assert rehearsal_intent(message("so it's hard", "nlu_fallback", 0.5, ranking)) == \
        "move_reflection"
    ranking[1]["confidence"] = 0.2
    assert rehearsal_intent(message("hmm", "nlu_fallback", 0.5, ranking)) == "nlu_fallback"
    ranking[1:] = [{"name": "greet", "confidence": 0.45}]
    assert rehearsal_intent(message("hmm", "nlu_fallback", 0.5, ranking)) == "nlu_fallback"


def test_a_question_to_the_carer_read_as_a_look_up_takes_a_likely_move():
    ranking = [{"name": "faq", "confidence": 0.55},
               {"name": "move_open_question", "confidence": 0.35}]
    text = "what happens when the baby won't settle at night?"
    assert rehearsal_intent(message(text, "faq", 0.55, ranking)) == "move_open_question"
    ranking[0]["name"] = "live_concern"
    assert rehearsal_intent(message(text, "live_concern", 0.55, ranking)) == \
        "move_open_question"
    ranking[1]["confidence"] = 0.1
    assert rehearsal_intent(message(text, "faq", 0.55, ranking)) == "nlu_fallback"


def test_the_persona_buttons_offer_every_persona():
    messages, _ = run(AskRehearsalPersona(), tracker(message("/start_rehearse",
                                                             "start_rehearse")))
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads == [f'/start_rehearse{{"persona": "{p}"}}' for p in personas()]


def test_feedback_is_given_saved_for_the_practitioner_and_the_slots_cleared(
        tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'kbs.db'}"
    upgrade(url)
    monkeypatch.setenv("KBS_DATABASE_URL", url)
    messages, slots = run(RehearsalFeedback(), tracker(message("finish", "finish"),
                                                       rehearsal=started()))
    assert "You uncovered 0 of 5 hidden facts." in messages[0]["text"]
    assert "saved" in messages[0]["text"]
    assert slots == {"rehearsal": None, "rehearsal_persona": None, "rehearsal_utterance": None}
    [saved] = finished_rehearsals(engine=engine_for(url))
    assert (saved.owner, saved.persona, saved.facts_total) == ("sam", "mother_drinking", 5)


def test_feedback_that_cannot_be_saved_is_still_given(tmp_path, monkeypatch):
    monkeypatch.setenv("KBS_DATABASE_URL", f"sqlite:///{tmp_path / 'no-tables.db'}")
    messages, _ = run(RehearsalFeedback(), tracker(message("finish", "finish"),
                                                   rehearsal=started()))
    assert "You uncovered 0 of 5" in messages[0]["text"]
    assert "could not be saved" in messages[0]["text"]


def test_leaving_before_choosing_shows_the_menu():
    messages, slots = run(RehearsalFeedback(), tracker(message("menu", "show_menu")))
    assert messages[0]["response"] == "utter_menu"
    assert slots["rehearsal"] is None

