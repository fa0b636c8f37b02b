"""The discussion actions on hand-made trackers: what they read, say, record and save."""

from datetime import date

import pytest
from rasa_sdk.events import SlotSet
from sqlalchemy import create_engine, text

from kbs.assessment.record import new_answers
from kbs.catalogues import CatalogueError
from kbs.safer_practice import asking
from kbs.store.cases import get_or_create_case
from kbs.store.profiles import open_profile, start_profile

from .harness import parsed
from .harness import run as run_action
from .harness import tracker as a_tracker


def tracker(slots, text_="", intent=None, entities=(), events=None):
    message = parsed(text_, intent, entities)
    history = events if events is not None else [{"event": "user", "text": text_}]
    return a_tracker(slots, message, events=history, sender="hv.jones~c1",
                     active_loop="safer_sleep_form")


def run(action, tracker_):
    result = run_action(action, tracker_)
    return result.events, result.said


def slots(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_the_opening_description_is_noted_and_the_case_reference_asked_for():
    events, said = run("validate_safer_sleep_form", tracker(
        {}, "she had a few glasses of wine and fell asleep with him on the sofa",
        "describe_sleep", [("substance", "alcohol"), ("sleep_place", "sofa")]))
    assert slots(events) == {"sleep_shares": "yes", "sleep_shared_place": "sofa",
                             "sleep_alcohol": "yes", "requested_slot": "discuss_case_reference"}
    assert said[0] == ("I've also noted: someone shares a sleep surface with the baby; a sofa; "
                       "alcohol (any amount).")
    assert "pseudonymous reference" in said[1]


def test_a_name_as_case_reference_is_refused_with_the_reason_and_not_kept():
    events, said = run("validate_safer_sleep_form", tracker(
        {"requested_slot": "discuss_case_reference"}, "Jane Smith", "nlu_fallback"))
    assert slots(events) == {"discuss_case_reference": None,
                             "requested_slot": "discuss_case_reference"}
    assert said[0].startswith("I can't use that as a case reference. 'Jane' could be part of "
                              "a name.")


def test_help_rejects_the_form_so_that_its_rule_answers():
    events, said = run("validate_safer_sleep_form", tracker(
        {"requested_slot": "sleep_night_place", "discuss_case_reference": "none"}, "help",
        "help"))
    assert (events, said) == ([], [])


def test_after_help_the_same_question_is_asked_again():
    events, said = run("validate_safer_sleep_form", tracker(
        {"requested_slot": "sleep_night_place", "discuss_case_reference": "none"}, "help",
        "help", events=[{"event": "user"}, {"event": "bot", "text": "Answer with..."}]))
    assert events == [SlotSet("requested_slot", "sleep_night_place")]
    assert said == ["Where does the baby usually sleep at night?"]


def test_an_answer_not_understood_is_asked_again_then_noted_as_not_known():
    state = {"requested_slot": "sleep_night_place", "discuss_case_reference": "none"}
    events, said = run("validate_safer_sleep_form", tracker(state, "blah", "nlu_fallback"))
    assert slots(events) == {"discuss_attempts": 1, "requested_slot": "sleep_night_place"}
    assert said[0].startswith("Sorry, I didn't catch that.")
    events, said = run("validate_safer_sleep_form", tracker({**state, "discuss_attempts": 2},
                                                         "blah", "nlu_fallback"))
    assert slots(events) == {"sleep_night_place": "unknown", "discuss_attempts": None,
                             "requested_slot": "sleep_day_place"}
    assert said[0].startswith("I'll note that as not known")


def test_the_protocol_is_said_as_soon_as_the_baby_is_known_not_to_be_mobile():
    events, said = run("validate_safe_handling_form", tracker(
        {"requested_slot": "handling_mobile", "discuss_case_reference": "none",
         "handling_mark": "yes"}, "she's only 8 weeks", "nlu_fallback"))
    assert slots(events)["handling_mobile"] == "no"
    assert said[0].startswith("**Act now: a bruise or mark on a baby who is not mobile**")
    assert "whatever the explanation" in said[0] and "\n\n" not in said[0]


def test_the_father_is_asked_about_by_role():
    _, said = run("validate_safe_handling_form", tracker(
        {"requested_slot": "handling_carers", "discuss_case_reference": "none",
         "handling_mark": "no", "handling_condition": "no"}, "mum and dad", "answer",
        [("relation", "mother"), ("relation", "father")]))
    assert len(said) == 1 and said[0].startswith("Has the mother heard the ICON messages")


SLEEP_ANSWERS = {"sleep_night_place": "cot", "sleep_day_place": "cot", "sleep_shares": "no",
                 "sleep_smoking": "no", "sleep_alcohol": "no",
                 "sleep_drugs_or_medication": "no", "sleep_preterm": "no",
                 "sleep_low_birth_weight": "no", "sleep_on_back": "yes",
                 "sleep_overheating": "no", "sleep_routine": "no", "discuss_family_plan": ""}


@pytest.mark.parametrize("text_, intent, kept", [
    ("Dad will stay sober on Saturday.", "describe_routine", "Dad will stay sober on Saturday."),
    ("skip", "answer", ""), ("They will ask Sarah to babysit", "nlu_fallback", None),
    ("/describe_sleep", "describe_sleep", None)])
def test_the_familys_plan_is_kept_in_their_words_without_names(text_, intent, kept):
    events, said = run("validate_safer_sleep_form", tracker(
        {**SLEEP_ANSWERS, "discuss_family_plan": None, "discuss_case_reference": "none",
         "requested_slot": "discuss_family_plan"}, text_, intent))
    assert slots(events)["discuss_family_plan"] == kept
    if kept is None:
        assert said[0].startswith(("I can't keep that note", "Sorry, I didn't catch that"))


def test_without_a_case_reference_the_plan_is_shown_and_nothing_saved():
    events, said = run("action_safer_sleep_plan", tracker(
        {**SLEEP_ANSWERS, "discuss_case_reference": "none"}))
    assert said[0].startswith("# Safer sleep plan\nWritten ")
    assert said[1].startswith("Nothing was saved")
    assert set(slots(events)) == {*SLEEP_ANSWERS, "discuss_case_reference", "plan_last"}
    assert not any(value for slot, value in slots(events).items() if slot != "plan_last")
    assert slots(events)["plan_last"]["reference"] is None  # kept to be saved later


def test_with_a_case_reference_the_plan_is_saved_for_the_practitioner(database_url):
    handling = {"handling_mark": "no", "handling_condition": "no", "handling_carers": ["father"],
                "handling_carer_answers": {"father": {"icon": "no", "crying_plan": "no",
                                                      "concern": "no"}},
                "discuss_family_plan": "", "discuss_case_reference": "KBS-0427"}
    _, said = run("action_safe_handling_plan", tracker(handling))
    assert "## For the father" in said[0]
    assert said[1] == "Saved as plan 1 with case KBS-0427."
    with create_engine(database_url).connect() as connection:
        row = connection.execute(text("SELECT plans.owner, plans.kind, cases.reference FROM "
                                      "plans JOIN cases ON cases.id = plans.case_id")).one()
    assert tuple(row) == ("hv.jones", "safe_handling", "KBS-0427")


def test_a_plan_for_a_case_being_assessed_sets_the_profiles_factors(database_url):
    with create_engine(database_url).begin() as connection:
        case_id = get_or_create_case(connection, "hv.jones", "KBS-0427")
        start_profile(connection, case_id, new_answers(date(2026, 11, 2)), {})
    events, said = run("action_safer_sleep_plan", tracker(
        {**SLEEP_ANSWERS, "discuss_case_reference": "KBS-0427"}))
    assert said[1] == "Saved as plan 1 with case KBS-0427."
    # Nothing is added until the practitioner says it is the same baby (issue 22).
    assert said[2].startswith("KBS-0427's assessment in progress does not record the baby's "
                              "age or gestation yet")
    assert events[-1] == {"event": "active_loop", "name": "same_baby_form", "timestamp": None}
    after_plan = {"plan_last": slots(events)["plan_last"], "requested_slot": "plan_same_baby"}
    with create_engine(database_url).connect() as connection:
        assert "care.unsafe_sleep" not in open_profile(connection, case_id).answers["factors"]
    events, said = run("validate_same_baby_form", a_tracker(
        after_plan, parsed("yes", "answer"), sender="hv.jones~c1", active_loop="same_baby_form"))
    assert said[0].startswith("The assessment of KBS-0427 in progress (version 1) now holds")
    assert slots(events)["requested_slot"] is None  # the form ends
    with create_engine(database_url).connect() as connection:
        profile = open_profile(connection, case_id)
    sleep = profile.answers["factors"]["care.unsafe_sleep"]
    assert sleep["note"].startswith("from the safer sleep discussion")
    assert sleep["status"] == "absent"  # no risk found; the family's account, not corroborated
    assert "care.unsafe_sleep" not in profile.result["unknown_factors"]  # scored again


def test_leaving_clears_the_discussion():
    events, said = run("action_discuss_leave", tracker({"sleep_alcohol": "yes",
                                                      "discuss_case_reference": "none"}))
    assert slots(events) == {"sleep_alcohol": None, "discuss_case_reference": None}
    assert said == ["We've left the discussion. Nothing from it was saved."]


def test_a_catalogue_fault_mid_discussion_loses_no_answer(monkeypatch):
    state = {"requested_slot": "sleep_night_place", "discuss_case_reference": "none",
             "discuss_attempts": 1}

    def broken(*args, **kwargs):
        raise CatalogueError("kbs/catalogues/safer_sleep.yml", "must be non-empty text",
                             field="questions.day_place.ask", line=40)

    cot = ('/describe_sleep{"sleep_place": "cot"}', "describe_sleep", [("sleep_place", "cot")])
    monkeypatch.setattr(asking, "question_text", broken)
    result = run_action("validate_safer_sleep_form", tracker(state, *cot))
    assert result.responses == ["utter_catalogue_fault"]
    # Every slot keeps its value, and the form asks for the same one.
    assert result.slots == {"sleep_night_place": None, "requested_slot": "sleep_night_place"}
    monkeypatch.undo()
    events, said = run("validate_safer_sleep_form", tracker(state, *cot))
    assert slots(events) == {"sleep_night_place": "cot", "discuss_attempts": None,
                             "requested_slot": "sleep_day_place"}
    assert said == ["And for naps in the day, where does the baby usually sleep?"]


def test_a_plan_that_cannot_be_saved_is_still_shown(database_url, tmp_path, monkeypatch):
    answers = {**SLEEP_ANSWERS, "discuss_case_reference": "KBS-0427"}
    monkeypatch.setenv("KBS_DATABASE_URL", f"sqlite:///{tmp_path / 'gone' / 'kbs.db'}")
    events, said = run("action_safer_sleep_plan", tracker(answers))
    assert said[0].startswith("# Safer sleep plan\nCase KBS-0427, written ")
    assert said[1].startswith("The plan could not be saved just now. It is shown above")
    # The discussion ends as usual; its plan is kept, to be saved later.
    assert set(slots(events)) == {*answers, "plan_last"}
    assert slots(events)["plan_last"]["plan_id"] is None
    monkeypatch.setenv("KBS_DATABASE_URL", database_url)
    _, said = run("action_safer_sleep_plan", tracker(answers))
    assert said[1] == "Saved as plan 1 with case KBS-0427."


def test_saving_the_last_plan_later_saves_it_with_the_case_and_opens_nothing(database_url):
    events, _ = run("action_safer_sleep_plan", tracker(
        {**SLEEP_ANSWERS, "discuss_case_reference": "none"}))
    last = slots(events)["plan_last"]
    events, said = run("action_save_plan", a_tracker(
        {"plan_last": last}, parsed("can you save that plan to case KBS-2207?", "save_plan"),
        sender="hv.jones~c1"))
    assert said == ["Saved as plan 1 with case KBS-2207."]
    assert slots(events)["plan_last"]["reference"] == "KBS-2207"
    assert not any(e["event"] == "active_loop" for e in events)
    with create_engine(database_url).connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM profiles")).scalar() == 0


def test_the_same_baby_form_asks_again_until_a_clear_answer(database_url):
    with create_engine(database_url).begin() as connection:
        case_id = get_or_create_case(connection, "hv.jones", "KBS-0427")
        start_profile(connection, case_id, new_answers(date(2026, 11, 2)), {})
    events, _ = run("action_safer_sleep_plan", tracker(
        {**SLEEP_ANSWERS, "discuss_case_reference": "KBS-0427"}))
    waiting = {"plan_last": slots(events)["plan_last"], "requested_slot": "plan_same_baby"}
    # Opened by the plan's action, which asked: the form says nothing more.
    events, said = run("validate_same_baby_form", a_tracker(
        waiting, parsed("skip", "answer"), sender="hv.jones~c1", active_loop="same_baby_form",
        events=[{"event": "user"}, {"event": "bot", "text": "Saved as plan 1"}]))
    assert (slots(events), said) == ({"requested_slot": "plan_same_baby"}, [])
    events, said = run("validate_same_baby_form", a_tracker(
        waiting, parsed("hmm not sure", "nlu_fallback"), sender="hv.jones~c1",
        active_loop="same_baby_form"))
    assert slots(events)["requested_slot"] == "plan_same_baby"
    assert said[0] == ("Please answer yes or no. Nothing is added to the assessment until "
                       "you say yes.")
    events, said = run("validate_same_baby_form", a_tracker(
        waiting, parsed("no, a different baby", "answer"), sender="hv.jones~c1",
        active_loop="same_baby_form"))
    assert said[0].startswith("Nothing from this discussion was added to KBS-0427's")
    assert slots(events)["requested_slot"] is None
    with create_engine(database_url).connect() as connection:
        assert "care.unsafe_sleep" not in open_profile(connection, case_id).answers["factors"]
