"""A plan written without a case is saved to one afterwards ("save this plan to KBS-2207"):
the conversation's last plan goes to that case, and no assessment is opened or started (it
once started version 2 of KBS-2207's assessment). When the case's assessment is in
progress, the same-baby question follows."""

from datetime import date

import pytest
from sqlalchemy import select

from kbs.assessment import record
from kbs.case_reference import asks_to_save_plan, reference_in
from kbs.engine import score
from kbs.safer_practice.conversation import SAFE_HANDLING_FORM, SAFER_SLEEP_FORM, write_plan
from kbs.safer_practice.saving import LAST_PLAN_SLOT, SAME_BABY_FORM, same_baby, save_later
from kbs.store.cases import get_or_create_case
from kbs.store.database import get_engine
from kbs.store.profiles import complete_profile, profiles_of, start_profile
from kbs.store.schema import cases, plans

REFERENCE = "KBS-2207"
SLEEP = {"sleep_night_place": "cot", "sleep_day_place": "cot", "sleep_shares": "no",
         "sleep_smoking": "no", "sleep_alcohol": "no", "sleep_drugs_or_medication": "no",
         "sleep_preterm": "no", "sleep_low_birth_weight": "no", "sleep_on_back": "yes",
         "sleep_overheating": "yes", "sleep_routine": "no", "discuss_family_plan": "",
         "discuss_case_reference": "none"}
HANDLING = {"handling_mark": "no", "handling_condition": "no", "handling_carers": ["mother"],
            "handling_carer_answers": {"mother": {"icon": "no", "crying_plan": "no",
                                                  "concern": "no"}},
            "discuss_family_plan": "", "discuss_case_reference": "none"}
ASKING = ["save this plan to KBS-2207", "can you save that plan to case KBS-2207?",
          "Add the plan to KBS-2207 please", "attach that safer sleep plan to KBS-2207."]


def said(turn):
    return "\n".join(m.text for m in turn.messages)


def finish_version_1():
    doc = record.new_answers(date.today())
    result = score(doc).to_dict()
    with get_engine().begin() as connection:
        case_id = get_or_create_case(connection, "hv.one", REFERENCE)
        complete_profile(connection, start_profile(connection, case_id, doc, result), doc,
                         result)


def versions():
    with get_engine().connect() as connection:
        return [(row.version, row.status) for row in profiles_of(connection, "hv.one",
                                                                 REFERENCE)]


def saved_plans():
    with get_engine().connect() as connection:
        return [(row.kind, row.reference, row.content["case_reference"])
                for row in connection.execute(select(plans.c.kind, plans.c.content,
                                                     cases.c.reference).select_from(
                    plans.outerjoin(cases, plans.c.case_id == cases.c.id)))]


def last_plan_of(form, answers):
    """The plan written without a case: shown, nothing saved, kept as the last plan."""
    turn = write_plan(form, answers, "hv.one")
    assert "Nothing was saved, because no case reference was given." in said(turn)
    return turn.slots[LAST_PLAN_SLOT]


@pytest.mark.parametrize("text", ASKING)
def test_the_words_ask_to_save_a_plan_to_the_case(text):
    assert asks_to_save_plan(text) and reference_in(text) == REFERENCE


@pytest.mark.parametrize("text", ["resume KBS-2207", "reassess KBS-2207", "KBS-2207",
                                  "new plan for the family", "no thanks"])
def test_other_messages_do_not_ask_to_save_a_plan(text):
    assert not asks_to_save_plan(text)


@pytest.mark.parametrize("text", ASKING)
def test_saving_later_saves_the_plan_to_the_case_and_starts_no_version(database_url, text):
    finish_version_1()
    last = last_plan_of(SAFER_SLEEP_FORM, SLEEP)
    assert saved_plans() == []
    turn = save_later("hv.one", last, text)
    assert said(turn) == "Saved as plan 1 with case KBS-2207."
    assert saved_plans() == [("safer_sleep", REFERENCE, REFERENCE)]
    assert versions() == [(1, "complete")] and turn.opens is None  # no version 2
    assert turn.slots[LAST_PLAN_SLOT]["reference"] == REFERENCE
    again = save_later("hv.one", turn.slots[LAST_PLAN_SLOT], text)
    assert said(again) == ("This conversation's last plan is already saved with case "
                           "KBS-2207 (plan 1), so it was not saved again.")
    assert len(saved_plans()) == 1


def test_saving_later_to_a_case_being_assessed_asks_whether_it_is_the_same_baby(database_url):
    doc = record.new_answers(date.today())
    doc["infant"] = {**doc.get("infant", {}), "age_weeks": 12, "gestation_weeks": 39}
    with get_engine().begin() as connection:
        start_profile(connection, get_or_create_case(connection, "hv.one", REFERENCE), doc,
                      score(doc).to_dict())
    last = last_plan_of(SAFE_HANDLING_FORM, HANDLING)
    turn = save_later("hv.one", last, "can you save that plan to case KBS-2207?")
    assert said(turn) == (
        "Saved as plan 1 with case KBS-2207.\nKBS-2207's assessment in progress is of a baby "
        "of about 12 weeks, born at 39 weeks. Is this the same baby? Only a yes adds what "
        "this discussion found to that assessment.")
    assert turn.opens == SAME_BABY_FORM
    assert versions() == [(1, "in_progress")]
    with get_engine().connect() as connection:
        assert profiles_of(connection, "hv.one", REFERENCE)[0].answers == doc
    reply = same_baby("hv.one", turn.slots[LAST_PLAN_SLOT], "yes", "answer")
    assert "The assessment of KBS-2207 in progress (version 1) now holds" in said(reply)
    with get_engine().connect() as connection:
        answers = profiles_of(connection, "hv.one", REFERENCE)[0].answers
    assert answers["carers"]["mother"]["icon_not_discussed"]["status"] == "present"
    assert versions() == [(1, "in_progress")]


@pytest.mark.parametrize("last, text, reply", [
    (None, "save this plan to KBS-2207", "There is no plan from this conversation to save"),
    ("plan", "save this plan to a case", "Which case should the plan be saved with?"),
    ("plan", "save the plan to Jane-12", "I can't use that as a case reference. 'Jane' "
                                         "could be part of a name."),
], ids=["no_plan", "no_reference", "a_name"])
def test_saving_later_without_a_plan_or_a_usable_reference_saves_nothing(
        database_url, last, text, reply):
    plan = last_plan_of(SAFER_SLEEP_FORM, SLEEP) if last else None
    turn = save_later("hv.one", plan, text)
    assert said(turn).startswith(reply) and turn.opens is None
    assert saved_plans() == []
    with get_engine().connect() as connection:
        assert connection.execute(select(cases)).all() == []
