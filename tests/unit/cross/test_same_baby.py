"""A discussion feeds a case's assessment in progress only once the practitioner says it is
the same baby, asked with what the assessment knows of the baby (age and gestation), even
when the discussion said nothing of the baby; a no, or leaving the question, keeps the plan
with the case and adds nothing. When what the discussion says of the baby contradicts the
assessment's infant block, nothing is added and nothing is asked: the practitioner is
told why."""

from datetime import date

import pytest
from sqlalchemy import select

from kbs.assessment import record
from kbs.engine import score
from kbs.safer_practice.conversation import SAFE_HANDLING_FORM, SAFER_SLEEP_FORM, write_plan
from kbs.safer_practice.saving import LAST_PLAN_SLOT, SAME_BABY_FORM, SAME_BABY_SLOT, same_baby
from kbs.store.cases import get_or_create_case
from kbs.store.database import get_engine
from kbs.store.profiles import profiles_of, start_profile
from kbs.store.schema import cases, plans

REFERENCE = "KBS-2207"
SLEEP = {"sleep_night_place": "cot", "sleep_day_place": "cot", "sleep_shares": "no",
         "sleep_smoking": "no", "sleep_alcohol": "no", "sleep_drugs_or_medication": "no",
         "sleep_preterm": "no", "sleep_low_birth_weight": "no", "sleep_on_back": "yes",
         "sleep_overheating": "yes", "sleep_routine": "no", "discuss_family_plan": "",
         "discuss_case_reference": REFERENCE}
HANDLING = {"handling_mark": "no", "handling_condition": "no", "handling_carers": ["mother"],
            "handling_carer_answers": {"mother": {"icon": "no", "crying_plan": "no",
                                                  "concern": "no"}},
            "discuss_family_plan": "", "discuss_case_reference": REFERENCE}
QUESTION = ("KBS-2207's assessment in progress is of a baby of about 12 weeks, born at 39 "
            "weeks. Is this the same baby?")
NOT_ADDED = ("Nothing from this discussion was added to KBS-2207's assessment in progress. "
             "The plan stays saved with case KBS-2207 (plan 1).")


def begin(infant=None):
    """KBS-2207's assessment in progress, knowing ``infant`` of the baby; its answers."""
    doc = record.new_answers(date.today())
    doc["infant"] = {**doc.get("infant", {}), **(infant or {})}
    with get_engine().begin() as connection:
        case_id = get_or_create_case(connection, "hv.one", REFERENCE)
        start_profile(connection, case_id, doc, score(doc).to_dict())
    return doc


@pytest.fixture
def in_progress(database_url):
    """KBS-2207's assessment in progress: a 12-week-old born at 39 weeks."""
    return begin({"age_weeks": 12, "gestation_weeks": 39})


def saved_answers():
    with get_engine().connect() as connection:
        (row,) = profiles_of(connection, "hv.one", REFERENCE)
        return row.answers


def saved_plans():
    with get_engine().connect() as connection:
        return [(row.id, row.reference) for row in connection.execute(
            select(plans.c.id, cases.c.reference).select_from(
                plans.outerjoin(cases, plans.c.case_id == cases.c.id)))]


def said(turn):
    return "\n".join(m.text for m in turn.messages)


def answer(turn, text, intent="answer"):
    """The practitioner's answer to the question ``turn`` asked (the form same_baby_form)."""
    return same_baby("hv.one", turn.slots[LAST_PLAN_SLOT], text, intent)


def asked(turn):
    """Whether ``turn`` asks the same-baby question and waits on it."""
    return QUESTION in said(turn) or "Is this the same baby?" in said(turn)


def test_the_same_baby_is_added_to_the_assessment_only_after_a_yes(in_progress):
    turn = write_plan(SAFE_HANDLING_FORM, {**HANDLING, "handling_age_weeks": 13}, "hv.one")
    assert "Saved as plan 1 with case KBS-2207." in said(turn)
    assert QUESTION in said(turn) and "now holds" not in said(turn)
    assert [b.payload for b in turn.messages[-1].buttons] == ["yes", "no"]
    assert turn.opens == SAME_BABY_FORM
    assert saved_answers() == in_progress  # nothing added before the answer
    reply = answer(turn, "yes")
    assert "now holds what this discussion found" in said(reply) and reply.ends
    assert saved_answers()["carers"]["mother"]["icon_not_discussed"]["status"] == "present"
    assert reply.slots[LAST_PLAN_SLOT]["asking"] is None  # nothing waits on an answer now


def test_a_different_age_is_not_added(in_progress):
    turn = write_plan(SAFE_HANDLING_FORM, {**HANDLING, "handling_age_weeks": 30}, "hv.one")
    reply = said(turn)
    assert ("Not added to the assessment of KBS-2207 in progress (version 1): this "
            "discussion says the baby is 30 weeks old, the assessment 12 weeks") in reply
    assert "Saved as plan" in reply and "now holds" not in reply
    assert not asked(turn) and turn.opens is None  # a contradiction refuses without asking
    assert saved_answers() == in_progress


def test_a_preterm_answer_the_other_way_round_is_not_added(in_progress):
    turn = write_plan(SAFER_SLEEP_FORM, {**SLEEP, "sleep_preterm": "yes"}, "hv.one")
    assert "says the baby was born preterm, the assessment that they were not" in said(turn)
    assert not asked(turn) and turn.opens is None
    assert saved_answers() == in_progress


def test_agreeing_sleep_answers_are_added_after_a_yes(in_progress):
    turn = write_plan(SAFER_SLEEP_FORM, SLEEP, "hv.one")
    assert QUESTION in said(turn) and "care.unsafe_sleep" not in saved_answers()["factors"]
    reply = answer(turn, "Yes, it's the same baby")
    assert "now holds what this discussion found" in said(reply)
    assert "care.unsafe_sleep" in saved_answers()["factors"]


@pytest.mark.parametrize("infant, question", [
    ({"age_weeks": 12, "gestation_weeks": 39}, QUESTION),
    ({"age_weeks": 12}, "is of a baby of about 12 weeks. Is this the same baby?"),
    ({"gestation_weeks": 34 + 2 / 7}, "is of a baby whose age it does not record yet, born "
                                      "at 34+2 weeks. Is this the same baby?"),
    ({}, "KBS-2207's assessment in progress does not record the baby's age or gestation "
         "yet, so check the case before you answer. Is this the same baby?"),
], ids=["age_and_gestation", "age_only", "gestation_only", "nothing_known"])
def test_a_discussion_that_says_nothing_of_the_baby_still_asks(database_url, infant, question):
    """The discussion gave no age and no gestation (nothing to contradict): the question is
    asked all the same, with what the assessment knows, and nothing is added without it."""
    doc = begin(infant)
    turn = write_plan(SAFE_HANDLING_FORM, HANDLING, "hv.one")
    assert question in said(turn) and turn.opens == SAME_BABY_FORM
    assert saved_answers() == doc


@pytest.mark.parametrize("text", ["no", "No, a different baby", "not the same baby",
                                  "no thanks", "it's another baby", "nope"])
def test_no_keeps_the_plan_with_the_case_and_adds_nothing(in_progress, text):
    turn = write_plan(SAFE_HANDLING_FORM, HANDLING, "hv.one")
    reply = answer(turn, text)
    assert NOT_ADDED in said(reply) and reply.ends
    assert saved_answers() == in_progress
    assert saved_plans() == [(1, REFERENCE)]


@pytest.mark.parametrize("text", ["hmm", "not sure", "yes?", "I think so", "yes but check",
                                  "maybe", "why", "no wait", "/affirm", "same baby?"])
def test_an_unclear_answer_asks_again_and_adds_nothing(in_progress, text):
    turn = write_plan(SAFE_HANDLING_FORM, HANDLING, "hv.one")
    reply = answer(turn, text)
    assert said(reply).startswith("Please answer yes or no.") and QUESTION in said(reply)
    assert reply.asking == SAME_BABY_SLOT and not reply.ends
    assert SAME_BABY_SLOT in reply.slots  # a slot is set, so Rasa keeps the form
    assert saved_answers() == in_progress
    assert "now holds" in said(answer(reply, "yes"))


@pytest.mark.parametrize("text, intent", [("menu", "show_menu"), ("stop", "answer"),
                                          ("/start_assess", "start_assess"),
                                          ("/discuss_sleep", "discuss_sleep")])
def test_leaving_the_question_adds_nothing_and_says_so(in_progress, text, intent):
    turn = write_plan(SAFE_HANDLING_FORM, HANDLING, "hv.one")
    reply = answer(turn, text, intent)
    assert NOT_ADDED in said(reply) and reply.ends
    assert saved_answers() == in_progress


def test_the_form_opened_by_the_plan_asks_nothing_more(in_progress):
    """The turn that saved the plan asked; the form it opens only waits for the answer."""
    turn = write_plan(SAFE_HANDLING_FORM, HANDLING, "hv.one")
    opened = same_baby("hv.one", turn.slots[LAST_PLAN_SLOT], "skip", "answer",
                       returning=True)
    assert (opened.messages, opened.asking, opened.ends) == ((), SAME_BABY_SLOT, False)


def test_a_yes_after_the_version_was_discarded_adds_nothing(in_progress):
    turn = write_plan(SAFE_HANDLING_FORM, HANDLING, "hv.one")
    with get_engine().begin() as connection:
        from kbs.store.profiles import discard_profile
        (row,) = profiles_of(connection, "hv.one", REFERENCE)
        discard_profile(connection, row.id)
    reply = answer(turn, "yes")
    assert "KBS-2207 has no assessment in progress any more, so nothing was added" \
        in said(reply)
    assert reply.ends
