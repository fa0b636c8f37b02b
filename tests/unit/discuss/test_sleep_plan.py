"""The safer sleep plan changes with every never-circumstance and modifiable risk, and
``care.unsafe_sleep`` follows PROFILE-SPEC's rule."""

import pytest

from kbs.safer_practice import sleep
from kbs.safer_practice.answers import NO, UNKNOWN, YES
from kbs.safer_practice.plans import safer_sleep_plan
from kbs.safer_practice.render import render_markdown

NEVER = {  # never-circumstance: the answers that show it
    "sofa_or_armchair": {"shared_place": "sofa"},
    "smoking": {"smoking": YES},
    "alcohol": {"alcohol": YES},
    "drugs_or_medication": {"drugs_or_medication": YES},
    "preterm": {"preterm": YES},
    "low_birth_weight": {"low_birth_weight": YES},
}
MODIFIABLE = {
    "pillows_or_duvet": {"pillows_or_duvet": YES},
    "others_in_bed": {"others_in_bed": YES},
    "gaps_or_falls": {"gaps_or_falls": YES},
    "left_alone": {"left_alone": YES},
    "very_tired": {"very_tired": YES},
    "not_on_back": {"on_back": NO},
    "overheating": {"overheating": YES},
    "routine_disruption": {"routine": YES, "routine_kinds": ["party"]},
}


def unsafe_sleep(plan):
    return plan["profile"]["factors"]["care.unsafe_sleep"]


def change_names(plan):
    return [item["name"] for section in plan["sections"] for item in section["items"]
            if "name" in item]


def test_a_family_with_no_risks_has_safe_practice_confirmed_and_nothing_to_change(
        no_risk_sleep):
    plan = safer_sleep_plan(no_risk_sleep)
    text = render_markdown(plan)
    assert "The baby sleeps in their own cot or Moses basket at night." in text
    assert "The home is smoke-free." in text
    assert "The baby is put down to sleep on their back." in text
    assert change_names(plan) == []
    assert unsafe_sleep(plan) == {
        "status": "absent", "source": "carer_account", "shares_sleep_surface": False,
        "never": [], "modifiable": [], "note": "from the safer sleep discussion"}


@pytest.mark.parametrize("never_id", NEVER)
def test_each_never_circumstance_is_named_with_why_and_what_instead(bed_sharing, never_id):
    baseline = safer_sleep_plan(bed_sharing)
    plan = safer_sleep_plan({**bed_sharing, **NEVER[never_id]})
    added = [item for section in plan["sections"] for item in section["items"]
             if "name" in item and item["name"] not in change_names(baseline)]
    assert len(added) == 1 and added[0]["why"] and added[0]["instead"] and added[0]["sources"]
    assert unsafe_sleep(plan)["never"] == [never_id]
    assert unsafe_sleep(plan)["status"] == "present"
    assert "hazardous sleep red flag" in render_markdown(plan)


@pytest.mark.parametrize("risk_id", MODIFIABLE)
def test_each_modifiable_risk_changes_the_plan_and_one_alone_is_not_unsafe_sleep(
        bed_sharing, risk_id):
    baseline = safer_sleep_plan(bed_sharing)
    plan = safer_sleep_plan({**bed_sharing, **MODIFIABLE[risk_id]})
    assert len(change_names(plan)) == len(change_names(baseline)) + 1
    assert render_markdown(plan) != render_markdown(baseline)
    assert unsafe_sleep(plan)["modifiable"] == [risk_id]
    assert unsafe_sleep(plan)["status"] == "absent"  # "more than one" modifiable risk


@pytest.mark.parametrize("first, second", [("pillows_or_duvet", "very_tired"),
                                           ("not_on_back", "routine_disruption")])
def test_more_than_one_modifiable_risk_is_unsafe_sleep(bed_sharing, first, second):
    plan = safer_sleep_plan({**bed_sharing, **MODIFIABLE[first], **MODIFIABLE[second]})
    assert unsafe_sleep(plan)["status"] == "present"
    assert unsafe_sleep(plan)["modifiable"] == [first, second]
    assert "More than one modifiable risk remains" in render_markdown(plan)


@pytest.mark.parametrize("never_id", ["smoking", "alcohol", "drugs_or_medication", "preterm",
                                      "low_birth_weight"])
def test_a_never_circumstance_where_nobody_shares_goes_into_nights_that_are_different(
        no_risk_sleep, never_id):
    plan = safer_sleep_plan({**no_risk_sleep, **NEVER[never_id]})
    different = next(s for s in plan["sections"] if s["heading"] == "Nights that are different")
    baseline = next(s for s in safer_sleep_plan(no_risk_sleep)["sections"]
                    if s["heading"] == "Nights that are different")
    assert len(different["items"]) == len(baseline["items"]) + 1
    assert unsafe_sleep(plan)["never"] == [] and unsafe_sleep(plan)["status"] == "absent"


def test_a_baby_put_to_sleep_on_a_sofa_is_a_never_circumstance_even_alone(no_risk_sleep):
    plan = safer_sleep_plan({**no_risk_sleep, "day_place": "sofa"})
    assert unsafe_sleep(plan)["never"] == ["sofa_or_armchair"]
    assert "Sleeping on a sofa or armchair" in change_names(plan)


def test_the_drinking_preterm_bed_sharer_gets_both_never_circumstances(bed_sharing):
    plan = safer_sleep_plan({**bed_sharing, "alcohol": YES, "preterm": YES})
    assert unsafe_sleep(plan)["never"] == ["alcohol", "preterm"]
    text = render_markdown(plan)
    assert "Sharing a sleep surface after drinking alcohol" in text
    assert "Sharing a sleep surface with a baby born early" in text
    assert "Instead: The baby sleeps in their own cot or Moses basket" in text


def test_unknown_answers_are_never_counted_as_safe(no_risk_sleep):
    plan = safer_sleep_plan({**no_risk_sleep, "shares": UNKNOWN})
    assert unsafe_sleep(plan)["status"] == "unknown"
    assert "shares_sleep_surface" not in unsafe_sleep(plan)
    assert "Not known yet: someone shares a sleep surface with the baby" in render_markdown(plan)


def test_an_unknown_never_answer_does_not_matter_when_nobody_shares(no_risk_sleep):
    assert sleep.assess({**no_risk_sleep, "alcohol": UNKNOWN}).status == "absent"


def test_missing_answers_count_as_unknown():
    assert sleep.assess({}).status == "unknown"


def test_bed_questions_are_asked_only_where_someone_shares_a_bed(no_risk_sleep):
    assert "pillows_or_duvet" not in sleep.questions(no_risk_sleep)
    sofa = {**no_risk_sleep, "shares": YES, "shared_place": "sofa"}
    assert "pillows_or_duvet" not in sleep.questions(sofa)
    bed = {**no_risk_sleep, "shares": YES, "shared_place": "adult_bed"}
    assert sleep.questions(bed)[4:10] == ["smoking", "alcohol", "drugs_or_medication",
                                          "preterm", "low_birth_weight", "pillows_or_duvet"]


def test_a_baby_sleeping_in_an_adult_bed_shares_it():
    answers = {"night_place": "adult_bed", "day_place": "cot"}
    assert sleep.implied_answers(answers) == {"shares": YES, "shared_place": "adult_bed"}
    assert sleep.next_question({**answers, **sleep.implied_answers(answers)}) == "smoking"


def test_the_familys_own_plan_and_routine_advice_appear(no_risk_sleep):
    plan = safer_sleep_plan({**no_risk_sleep, "routine": YES,
                             "routine_kinds": ["staying_elsewhere", "night_work"],
                             "family_plan": "Take the travel cot to grandma's."})
    text = render_markdown(plan)
    assert "- Take the travel cot to grandma's." in text
    assert "Staying somewhere else: take the baby's own sleep space" in text
    assert "When someone works nights" in text
    assert "A risk counts as resolved only when you have seen the change." in text
