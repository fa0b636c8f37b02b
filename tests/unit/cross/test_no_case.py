"""A typed refusal at every case-reference prompt is taken as no case, never refused as a
possible name ("'thanks' could be part of a name"): Assess and both discussions."""

import pytest
from sqlalchemy import func, select

from kbs.assessment import conversation
from kbs.assessment.conversation import STOPPED
from kbs.case_reference import declines
from kbs.safer_practice.conversation import SAFE_HANDLING_FORM, SAFER_SLEEP_FORM, take
from kbs.safer_practice.reading import Message
from kbs.store.database import get_engine
from kbs.store.schema import cases

REFUSALS = ["no thanks", "No thanks!", "not for a case", "without a case",
            "carry on without one", "no", "skip", "none", "No, thank you", "Not for a case."]


def nothing_stored():
    with get_engine().connect() as connection:
        return connection.execute(select(func.count()).select_from(cases)).scalar() == 0


@pytest.mark.parametrize("text", REFUSALS)
def test_a_refusal_is_read_as_no_case(text):
    assert declines(text)


@pytest.mark.parametrize("text", ["KBS-2207", "no, KBS-2207", "Nora", "nobody", "Jane Smith",
                                  "HV7-23", ""])
def test_a_reference_or_a_name_is_not_a_refusal(text):
    assert not declines(text)


@pytest.mark.parametrize("text", REFUSALS)
def test_at_the_assess_reference_prompt_a_refusal_stops_with_nothing_saved(database_url, text):
    opened = conversation.start("hv.one", "/start_assess")
    turn = conversation.answer(opened.state, "hv.one", text)
    assert turn.state.outcome == STOPPED and turn.state.profile is None
    said = " ".join(m.text for m in turn.messages)
    assert "could be part of a name" not in said
    closed = conversation.close(turn.state, "hv.one")
    assert closed.messages[0].text.startswith("Stopped. No case reference was given")
    assert nothing_stored()


@pytest.mark.parametrize("form", [SAFER_SLEEP_FORM, SAFE_HANDLING_FORM],
                         ids=["safer_sleep", "safe_handling"])
@pytest.mark.parametrize("text", REFUSALS)
def test_at_a_discussions_reference_prompt_a_refusal_carries_on_without_a_case(
        database_url, form, text):
    turn = take(form, {}, Message(text, "answer"), "discuss_case_reference")
    assert dict(turn.slots) == {"discuss_case_reference": "none"}
    said = " ".join(m.text for m in turn.messages)
    assert said.startswith("No case reference, so nothing") and "part of a name" not in said
    assert turn.asking not in (None, "discuss_case_reference")
    assert nothing_stored()


def test_a_name_is_still_refused_at_a_discussions_prompt(database_url):
    turn = take(SAFER_SLEEP_FORM, {}, Message("Jane Smith", "answer"), "discuss_case_reference")
    assert "'Jane' could be part of a name" in turn.messages[0].text
    assert turn.asking == "discuss_case_reference"
