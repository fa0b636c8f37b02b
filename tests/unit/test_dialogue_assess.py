"""The Assess mode's Rasa actions move state between slots and kbs.assessment."""

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.assess import (
    STATE_SLOTS,
    AnnounceRedFlags,
    StartAssessment,
    ValidateAssessmentForm,
    slots_of,
    state_of,
)
from kbs.assessment.conversation import State


def tracker(slots, text="", sender="hv.one~abc"):
    return Tracker(sender, slots, {"text": text, "entities": [], "intent": {}}, [], False, None,
                   {"name": "assessment_form"}, "action_listen")


def run(coroutine):
    return asyncio.run(coroutine)


def test_the_state_round_trips_through_the_slots():
    state = State(case="KBS-0142", profile=3, step="infant.age_weeks",
                  asked=("judgement.immediate_danger",), red_flags=("non_mobile_injury",),
                  outcome="red_flag")
    assert state_of(tracker(slots_of(state))) == state
    assert set(slots_of(state)) == set(STATE_SLOTS.values())


def test_start_asks_for_the_reference_and_empties_the_form_slot(database_url):
    dispatcher = CollectingDispatcher()
    events = run(StartAssessment().run(dispatcher, tracker({}, "assess"), {}))
    assert SlotSet("assessment_step", "reference") in events
    assert SlotSet("assessment_answer", None) in events
    assert "assumption of risk" in dispatcher.messages[0]["text"]


def test_an_answer_fills_the_form_slot_only_to_pause_or_end_the_form(database_url):
    validate = ValidateAssessmentForm()
    slots = slots_of(State(step="reference"))
    dispatcher = CollectingDispatcher()
    result = run(validate.validate_assessment_answer("KBS-0142", dispatcher,
                                                     tracker(slots, "KBS-0142"), {}))
    assert result["assessment_answer"] is None and result["assessment_case"] == "KBS-0142"
    result = run(validate.validate_assessment_answer("stop for now", CollectingDispatcher(),
                                                     tracker(result, "stop for now"), {}))
    assert result["assessment_answer"] == "stopped"


def test_a_red_flag_is_announced_and_the_form_opened_again(database_url):
    validate = ValidateAssessmentForm()
    slots = run(validate.validate_assessment_answer("KBS-0142", CollectingDispatcher(),
                                                    tracker(slots_of(State(step="reference"))),
                                                    {}))
    text = "the baby is in danger now"
    slots = run(validate.validate_assessment_answer(text, CollectingDispatcher(),
                                                    tracker(slots, text), {}))
    assert slots["assessment_outcome"] == "red_flag"
    dispatcher = CollectingDispatcher()
    events = run(AnnounceRedFlags().run(dispatcher, tracker(slots), {}))
    assert events[-1] == ActiveLoop("assessment_form")
    assert SlotSet("assessment_outcome", None) in events
    assert "Emergency (999)" in dispatcher.messages[0]["text"]
