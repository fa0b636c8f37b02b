"""The thin Rasa actions of Rehearse mode, on trackers built by hand."""

import pytest

from kbs.catalogues import CatalogueError
from kbs.rehearsal import engine
from kbs.rehearsal.personas import personas
from kbs.store.database import engine_for, upgrade
from kbs.store.rehearsals import finished_rehearsals

from .harness import run as run_action
from .harness import tracker as a_tracker


def message(text, intent, confidence=0.9, ranking=None):
    return {"text": text, "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
            "entities": []}


def tracker(latest, **slots):
    return a_tracker(slots, latest or {}, events=[], sender="sam~c1",
                     active_loop="rehearsal_form")


def run(action, a_tracker):
    result = run_action(action, a_tracker)
    return result.messages, result.slots


def started(persona_id="mother_drinking"):
    _, slots = run("validate_rehearsal_form", tracker(
        message('/start_rehearse{"persona": "x"}', "start_rehearse"),
        rehearsal_persona=persona_id))
    return slots["rehearsal"]


def test_choosing_a_persona_starts_the_rehearsal_with_a_briefing():
    messages, slots = run("validate_rehearsal_form", tracker(
        message("/start_rehearse", "start_rehearse"), rehearsal_persona="mother_drinking"))
    assert slots["rehearsal_persona"] == "mother_drinking"
    assert slots["rehearsal"]["openness"] == personas()["mother_drinking"].openness
    assert "I will play Lauren" in messages[0]["text"] and "finish" in messages[0]["text"]


def test_an_unknown_persona_is_said_plainly_and_asked_again():
    messages, slots = run("validate_rehearsal_form", tracker(
        message("/start_rehearse", "start_rehearse"), rehearsal_persona="nobody"))
    assert slots == {"rehearsal_persona": None}
    assert "no rehearsal called 'nobody'" in messages[0]["text"]


def test_typing_instead_of_choosing_asks_again_and_menu_leaves():
    awaiting = {"requested_slot": "rehearsal_persona"}
    messages, slots = run("validate_rehearsal_form", tracker(message("dad", "greet"), **awaiting))
    assert slots == {"rehearsal_persona": None} and "choose" in messages[0]["text"]
    _, slots = run("validate_rehearsal_form", tracker(message("menu", "show_menu"), **awaiting))
    assert slots == {"rehearsal_persona": None, "requested_slot": None}


def test_a_move_is_a_turn_and_the_carer_answers():
    state = started()
    _, slots = run("validate_rehearsal_form", tracker(
        message("How have the evenings been?", "move_open_question"), rehearsal=state))
    assert slots["rehearsal_utterance"] is None  # so the form asks for the next words
    new = slots["rehearsal"]
    assert new["transcript"][-2]["move"] == "open_question"
    messages, _ = run("action_ask_rehearsal_utterance", tracker(None, rehearsal=new))
    assert messages[0]["text"] == f"Lauren: {engine.carer_line(new)}"
    assert messages[0]["buttons"] == [{"title": "Finish and get feedback", "payload": "/finish"}]


@pytest.mark.parametrize("intent", ["greet", "thank"])
def test_greetings_in_a_rehearsal_are_small_talk_with_the_carer(intent):
    _, slots = run("validate_rehearsal_form", tracker(message("hi Lauren", intent),
                                                    rehearsal=started()))
    assert slots["rehearsal"]["transcript"][-2]["move"] == "small_talk"


@pytest.mark.parametrize("intent", ["finish", "goodbye", "show_menu"])
def test_finish_goodbye_and_menu_end_the_rehearsal(intent):
    _, slots = run("validate_rehearsal_form", tracker(message("finish", intent),
                                                    rehearsal=started()))
    assert slots == {"rehearsal_utterance": "finish", "requested_slot": None}


def test_help_and_unclear_messages_get_a_note_and_change_nothing():
    state = started()
    messages, slots = run("validate_rehearsal_form", tracker(message("help", "help"),
                                                           rehearsal=state))
    assert "rehearsing a conversation with Lauren" in messages[0]["text"]
    assert slots == {"rehearsal_utterance": None}
    messages, slots = run("validate_rehearsal_form", tracker(
        message("what's the weather", "out_of_scope"), rehearsal=state))
    assert "could not tell what kind of move" in messages[0]["text"]
    assert slots == {"rehearsal_utterance": None}


def test_the_persona_buttons_offer_every_persona():
    messages, _ = run("action_ask_rehearsal_persona", tracker(message("/start_rehearse",
                                                             "start_rehearse")))
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads == [f'/start_rehearse{{"persona": "{p}"}}' for p in personas()]


def test_feedback_is_given_saved_for_the_practitioner_and_the_slots_cleared(
        tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'kbs.db'}"
    upgrade(url)
    monkeypatch.setenv("KBS_DATABASE_URL", url)
    messages, slots = run("action_rehearsal_feedback", tracker(message("finish", "finish"),
                                                       rehearsal=started()))
    assert "You uncovered 0 of 5 hidden facts." in messages[0]["text"]
    assert "saved" in messages[0]["text"]
    assert slots == {"rehearsal": None, "rehearsal_persona": None, "rehearsal_utterance": None}
    [saved] = finished_rehearsals(engine=engine_for(url))
    assert (saved.owner, saved.persona, saved.facts_total) == ("sam", "mother_drinking", 5)


def test_feedback_that_cannot_be_saved_is_still_given(tmp_path, monkeypatch):
    monkeypatch.setenv("KBS_DATABASE_URL", f"sqlite:///{tmp_path / 'no-tables.db'}")
    messages, _ = run("action_rehearsal_feedback", tracker(message("finish", "finish"),
                                                   rehearsal=started()))
    assert "You uncovered 0 of 5" in messages[0]["text"]
    assert "could not be saved" in messages[0]["text"]


def test_leaving_before_choosing_shows_the_menu():
    messages, slots = run("action_rehearsal_feedback", tracker(message("menu", "show_menu")))
    assert messages[0]["response"] == "utter_menu"
    assert slots["rehearsal"] is None



def test_a_fallback_in_a_rehearsal_is_played_as_the_likely_move():
    ranking = [{"name": "nlu_fallback", "confidence": 0.5},
               {"name": "move_reflection", "confidence": 0.42}]
    _, slots = run("validate_rehearsal_form", tracker(
        message("so it's hard", "nlu_fallback", 0.5, ranking), rehearsal=started()))
    assert slots["rehearsal"]["transcript"][-2]["move"] == "reflection"


def test_an_unsure_message_is_answered_by_the_carer_as_its_best_ranked_move_however_low():
    ranking = [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "faq", "confidence": 0.2},
               {"name": "goodbye", "confidence": 0.15},
               {"name": "move_premature_reassurance", "confidence": 0.12},
               {"name": "move_reflection", "confidence": 0.08}]
    said = "Families can overreact, I'm sure it was nothing really."
    messages, slots = run("validate_rehearsal_form", tracker(
        message(said, "nlu_fallback", 0.3, ranking), rehearsal=started()))
    assert messages == [] and slots["rehearsal_utterance"] is None  # no note, not ended
    new = slots["rehearsal"]
    assert new["transcript"][-2]["move"] == "premature_reassurance"
    messages, _ = run("action_ask_rehearsal_utterance", tracker(None, rehearsal=new))
    reply = messages[0]["text"].removeprefix("Lauren: ")
    assert reply in personas()["mother_drinking"].reactions["premature_reassurance"]


def test_a_catalogue_fault_mid_rehearsal_loses_nothing(monkeypatch):
    state = started()
    said = message("How have the evenings been?", "move_open_question")

    def words(slots):
        return a_tracker({"rehearsal": state, "rehearsal_persona": "mother_drinking",
                          "requested_slot": "rehearsal_utterance", **slots}, said,
                         sender="sam~c1", active_loop="rehearsal_form",
                         filled={"rehearsal_utterance": said["text"]})

    def broken():
        raise CatalogueError("kbs/catalogues/rehearsal_moves.yml", "is not valid YAML", line=7)

    monkeypatch.setattr("kbs.rehearsal.conversation.moves", broken)
    result = run_action("validate_rehearsal_form", words({}))
    assert result.responses == ["utter_catalogue_fault"]
    # The rehearsal's state is not touched, and the form asks for the words again.
    assert result.slots == {"rehearsal_utterance": None, "requested_slot": "rehearsal_utterance"}
    monkeypatch.undo()
    result = run_action("validate_rehearsal_form", words({}))
    assert result.slots["rehearsal"]["transcript"][-2]["move"] == "open_question"


def test_personas_that_cannot_be_read_get_the_fault_reply(monkeypatch):
    def broken():
        raise CatalogueError("kbs/catalogues/personas/mother_drinking.yml", "must be a whole "
                             "number from 0 to 5 (found 9)", field="openness", line=14)

    monkeypatch.setattr("kbs.rehearsal.conversation.personas", broken)
    messages, slots = run("action_ask_rehearsal_persona", tracker(
        message("/start_rehearse", "start_rehearse")))
    assert [m["response"] for m in messages] == ["utter_catalogue_fault"]
    assert slots == {}


@pytest.mark.parametrize("requested", ["rehearsal_persona", None])
def test_a_persona_chosen_when_the_personas_cannot_be_read_is_asked_for_again(
        monkeypatch, requested):
    def broken():
        raise CatalogueError("kbs/catalogues/personas/mother_drinking.yml", "is empty")

    monkeypatch.setattr("kbs.rehearsal.conversation.personas", broken)
    chosen = message('/start_rehearse{"persona": "mother_drinking"}', "start_rehearse")
    result = run_action("validate_rehearsal_form", a_tracker(
        {"requested_slot": requested}, chosen, sender="sam~c1", active_loop="rehearsal_form",
        filled={"rehearsal_persona": "mother_drinking"}))
    assert result.responses == ["utter_catalogue_fault"]
    # The persona the message filled is emptied again, as it was before the message; when
    # the form has just started, Rasa asks for its first empty slot itself.
    assert result.slots == ({"rehearsal_persona": None, "requested_slot": requested}
                            if requested else {"rehearsal_persona": None})


def test_a_persona_that_is_not_a_name_is_said_plainly_and_asked_again():
    """`/start_rehearse{"persona": {"x": 1}}` typed by hand crashed the action (issue 19)."""
    messages, slots = run("validate_rehearsal_form", tracker(
        message('/start_rehearse{"persona": {"x": 1}}', "start_rehearse"),
        rehearsal_persona={"x": 1}))
    assert slots == {"rehearsal_persona": None}
    assert "no rehearsal called" in messages[0]["text"]


def test_any_error_in_an_action_is_answered_safely_and_logs_no_words(monkeypatch, caplog):
    """An error that is not a fault of the database or a data file: the action still
    answers (utter_action_fault), changes no slot, and logs where it failed, never what
    the practitioner wrote nor the error's message (which may quote it)."""
    said = "the words of the practitioner-4b1d"

    def broken(*args):
        raise TypeError(f"cannot take {said!r}")

    monkeypatch.setattr("kbs.rehearsal.conversation.take", broken)
    chosen = message(said, "start_rehearse")
    result = run_action("validate_rehearsal_form", a_tracker(
        {"requested_slot": "rehearsal_persona"}, chosen, sender="sam~c1",
        active_loop="rehearsal_form", filled={"rehearsal_persona": "mother_drinking"}))
    assert result.responses == ["utter_action_fault"]
    assert result.slots == {"rehearsal_persona": None, "requested_slot": "rehearsal_persona"}
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "validate_rehearsal_form failed" in logged and "TypeError" in logged
    assert "4b1d" not in logged
