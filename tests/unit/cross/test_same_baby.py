"""A discussion feeds a case's assessment in progress only when what it says of the baby
agrees with the assessment's infant block; otherwise the plan is saved with the case and the
practitioner is told why nothing was added."""

from datetime import date

import pytest

from kbs.assessment import record
from kbs.engine import score
from kbs.safer_practice.conversation import SAFE_HANDLING_FORM, SAFER_SLEEP_FORM, write_plan
from kbs.store.cases import get_or_create_case
from kbs.store.database import get_engine
from kbs.store.profiles import profiles_of, start_profile

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


@pytest.fixture
def in_progress(database_url):
    """KBS-2207's assessment in progress: a 12-week-old born at 39 weeks."""
    doc = record.new_answers(date.today())
    doc["infant"] = {**doc.get("infant", {}), "age_weeks": 12, "gestation_weeks": 39}
    with get_engine().begin() as connection:
        case_id = get_or_create_case(connection, "hv.one", REFERENCE)
        start_profile(connection, case_id, doc, score(doc).to_dict())
    return doc


def saved_answers():
    with get_engine().connect() as connection:
        (row,) = profiles_of(connection, "hv.one", REFERENCE)
        return row.answers


def said(turn):
    return "\n".join(m.text for m in turn.messages)


def test_the_same_baby_is_added_to_the_assessment(in_progress):
    reply = said(write_plan(SAFE_HANDLING_FORM, {**HANDLING, "handling_age_weeks": 13},
                            "hv.one"))
    assert "now holds what this discussion found" in reply
    assert saved_answers()["carers"]["mother"]["icon_not_discussed"]["status"] == "present"


def test_a_different_age_is_not_added(in_progress):
    reply = said(write_plan(SAFE_HANDLING_FORM, {**HANDLING, "handling_age_weeks": 30},
                            "hv.one"))
    assert ("Not added to the assessment of KBS-2207 in progress (version 1): this "
            "discussion says the baby is 30 weeks old, the assessment 12 weeks") in reply
    assert "Saved as plan" in reply and "now holds" not in reply
    assert saved_answers() == in_progress


def test_a_preterm_answer_the_other_way_round_is_not_added(in_progress):
    reply = said(write_plan(SAFER_SLEEP_FORM, {**SLEEP, "sleep_preterm": "yes"}, "hv.one"))
    assert "says the baby was born preterm, the assessment that they were not" in reply
    assert saved_answers() == in_progress


def test_agreeing_sleep_answers_are_added(in_progress):
    reply = said(write_plan(SAFER_SLEEP_FORM, SLEEP, "hv.one"))
    assert "now holds what this discussion found" in reply
    assert "care.unsafe_sleep" in saved_answers()["factors"]
