"""The Assess mode's Rasa actions move state between slots and kbs.assessment, and a
database fault mid-assessment loses no answer."""

from rasa_sdk.events import ActiveLoop, SlotSet
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import OperationalError

from kbs.store.database import engine_for

from .harness import after, bot_said, parsed, run, tracker

STATE_SLOTS = {"assessment_case", "assessment_profile", "assessment_step", "assessment_asked",
               "assessment_red_flags", "assessment_outcome", "assessment_confirm"}
STARTED = {"assessment_step": "reference"}  # the state once the reference is asked for


def answer(slots, said, events=None):
    """validate_assessment_form on ``said``, which Rasa has put in the form's slot."""
    return run("validate_assessment_form", tracker(
        {**slots, "requested_slot": "assessment_answer"}, parsed(said),
        filled={"assessment_answer": said}, events=events, active_loop="assessment_form"))


def test_the_state_round_trips_through_the_slots():
    slots = {"assessment_case": "KBS-0142", "assessment_profile": 3,
             "assessment_step": "infant.age_weeks",
             "assessment_asked": ["judgement.immediate_danger"],
             "assessment_red_flags": ["non_mobile_injury"], "assessment_outcome": "red_flag",
             "assessment_confirm": "discard"}
    result = answer(slots, "x" * 1001)  # too long to read: the state comes back as it was
    assert "Nothing has been lost" in result.said[0]
    assert {k: v for k, v in result.slots.items() if k != "assessment_answer"} == slots
    assert set(result.slots) == {*STATE_SLOTS, "assessment_answer"}


def test_start_asks_for_the_reference_and_empties_the_form_slot(database_url):
    result = run("action_assessment_start", tracker({}, parsed("assess")))
    assert SlotSet("assessment_step", "reference") in result.events
    assert SlotSet("assessment_answer", None) in result.events
    assert "assumption of risk" in result.messages[0]["text"]


def test_an_answer_fills_the_form_slot_only_to_pause_or_end_the_form(database_url):
    result = answer(STARTED, "KBS-0142")
    assert result.slots["assessment_answer"] is None
    assert result.slots["assessment_case"] == "KBS-0142"
    result = answer(after(result, STARTED), "stop for now")
    assert result.slots["assessment_answer"] == "stopped"


def test_a_red_flag_is_announced_and_the_form_opened_again(database_url):
    slots = after(answer(STARTED, "KBS-0142"), STARTED)
    slots = after(answer(slots, "the baby is in danger now"), slots)
    assert slots["assessment_outcome"] == "red_flag"
    result = run("action_assessment_red_flag", tracker(slots))
    assert result.events[-1] == ActiveLoop("assessment_form")
    assert SlotSet("assessment_outcome", None) in result.events
    assert "Emergency (999)" in result.messages[0]["text"]


def saved_answers(url):
    with create_engine(url).connect() as connection:
        return [tuple(row) for row in connection.execute(text(
            "SELECT id, version, answers FROM profiles ORDER BY id"))]


def test_a_database_fault_mid_assessment_loses_no_answer(database_url, tmp_path, monkeypatch):
    slots = after(answer(STARTED, "KBS-0142"), STARTED)
    asked = slots["assessment_step"]
    before = saved_answers(database_url)
    monkeypatch.setenv("KBS_DATABASE_URL", f"sqlite:///{tmp_path / 'gone' / 'kbs.db'}")
    result = answer(slots, "no")
    assert result.responses == ["utter_database_fault"]
    # No state slot changes; the form asks the same question again.
    assert result.events == [SlotSet("assessment_answer", None),
                             SlotSet("requested_slot", "assessment_answer")]
    # Asking it meets the same fault in the same turn, and says nothing more.
    message = parsed("no")
    asking = run("action_ask_assessment_answer", tracker(
        after(result, slots), message, active_loop="assessment_form", events=[
            {"event": "user", "text": "no", "parse_data": message}, *bot_said(result)]))
    assert (asking.messages, asking.events) == ([], [])
    monkeypatch.setenv("KBS_DATABASE_URL", database_url)
    assert saved_answers(database_url) == before
    result = answer(after(result, slots), "no")
    assert result.slots["assessment_answer"] is None
    assert asked in result.slots["assessment_asked"]
    assert result.slots["assessment_step"] != asked
    assert saved_answers(database_url) != before


def test_a_fault_while_an_answer_is_saved_leaves_the_saved_answers_as_they_were(
        database_url):
    slots = after(answer(STARTED, "KBS-0142"), STARTED)
    before = saved_answers(database_url)

    def fail(connection):
        raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    event.listen(engine_for(database_url), "commit", fail)
    try:
        result = answer(slots, "no")
    finally:
        event.remove(engine_for(database_url), "commit", fail)
    assert result.responses == ["utter_database_fault"]
    assert saved_answers(database_url) == before
    assert answer(after(result, slots), "no").slots["assessment_step"] != slots["assessment_step"]


def test_a_fault_announcing_a_red_flag_opens_the_form_again(database_url, tmp_path,
                                                           monkeypatch):
    slots = after(answer(STARTED, "KBS-0142"), STARTED)
    slots = after(answer(slots, "the baby is in danger now"), slots)
    monkeypatch.setenv("KBS_DATABASE_URL", f"sqlite:///{tmp_path / 'gone' / 'kbs.db'}")
    result = run("action_assessment_red_flag", tracker(slots))
    assert result.responses == ["utter_database_fault"]
    assert result.events == [SlotSet("assessment_answer", None),
                             ActiveLoop("assessment_form")]


def test_a_fault_closing_the_assessment_lets_finish_be_said_again(database_url, tmp_path,
                                                                 monkeypatch):
    slots = after(answer(STARTED, "KBS-0142"), STARTED)
    slots = after(answer(slots, "stop"), slots)
    assert slots["assessment_outcome"] == "stopped"
    monkeypatch.setenv("KBS_DATABASE_URL", f"sqlite:///{tmp_path / 'gone' / 'kbs.db'}")
    result = run("action_assessment_close", tracker(slots))
    assert result.responses == ["utter_database_fault"]
    assert result.events == [SlotSet("assessment_answer", None),
                             ActiveLoop("assessment_form")]
    monkeypatch.setenv("KBS_DATABASE_URL", database_url)
    result = run("action_assessment_close", tracker(slots))
    assert "Everything you answered is saved under KBS-0142" in result.said[0]
    assert result.slots["assessment_profile"] is None
