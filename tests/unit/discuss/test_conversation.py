"""A discussion as a form in plain Python (kbs.safer_practice.conversation): what a turn
records, says and asks next, and when the form ends or gives way to a rule."""

from kbs.chat import Message as Said
from kbs.safer_practice.conversation import (
    SAFE_HANDLING_FORM,
    SAFER_SLEEP_FORM,
    leave,
    take,
    write_plan,
)
from kbs.safer_practice.reading import Message

ANSWERED = {"sleep_night_place": "cot", "sleep_day_place": "cot", "sleep_shares": "no",
            "sleep_smoking": "no", "sleep_alcohol": "no", "sleep_drugs_or_medication": "no",
            "sleep_preterm": "no", "sleep_low_birth_weight": "no", "sleep_on_back": "yes",
            "sleep_overheating": "no", "sleep_routine": "no", "discuss_case_reference": "none"}


def test_the_first_turn_asks_for_the_case_reference():
    turn = take(SAFER_SLEEP_FORM, {}, Message("talk about sleep", "discuss_sleep"), None)
    assert (dict(turn.slots), turn.asking, turn.ends) == ({}, "discuss_case_reference", False)
    assert "pseudonymous reference" in turn.messages[0].text
    assert [b.payload for b in turn.messages[0].buttons] == ["skip"]


def test_skipping_the_reference_goes_on_without_saving():
    turn = take(SAFE_HANDLING_FORM, {}, Message("skip", "answer"), "discuss_case_reference")
    assert dict(turn.slots) == {"discuss_case_reference": "none"}
    assert turn.messages[0].text.startswith("No case reference, so nothing")
    assert turn.asking == "handling_mark"


def test_the_menu_gives_way_to_its_rule():
    turn = take(SAFER_SLEEP_FORM, {"discuss_case_reference": "none"},
                Message("menu", "show_menu"), "sleep_night_place")
    assert turn.rejected and not turn.messages and not turn.slots


def test_the_familys_plan_is_the_last_answer_and_ends_the_form():
    turn = take(SAFER_SLEEP_FORM, ANSWERED, Message("skip", "answer"), "discuss_family_plan")
    assert dict(turn.slots) == {"discuss_family_plan": ""}
    assert turn.ends and turn.asking is None and turn.messages == ()


def test_the_plan_without_a_reference_is_shown_as_one_message_and_the_slots_cleared():
    turn = write_plan(SAFER_SLEEP_FORM, {**ANSWERED, "discuss_family_plan": ""}, "hv.jones")
    plan, nothing_saved = turn.messages
    assert plan.text.startswith("# Safer sleep plan") and "\n\n" not in plan.text
    assert nothing_saved.text.startswith("Nothing was saved")
    assert set(turn.slots) == {*ANSWERED, "discuss_family_plan"}
    assert not any(turn.slots.values())


def test_leaving_clears_only_what_is_set():
    turn = leave({"handling_mark": "yes", "sleep_alcohol": None})
    assert dict(turn.slots) == {"handling_mark": None}
    assert turn.messages == (Said("We've left the discussion. Nothing from it was saved."),)
