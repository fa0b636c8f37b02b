"""The safer sleep plan changes with every never-circumstance and modifiable risk, and
``care.unsafe_sleep`` follows the rule of docs/PROFILE-FORMAT.md, "Safer sleep"."""

import json
from pathlib import Path

import pytest

from kbs.engine import score
from kbs.engine.catalogue import load_catalogue
from kbs.safer_practice import sleep
from kbs.safer_practice.answers import NO, UNKNOWN, YES
from kbs.safer_practice.plans import safer_sleep_plan
from kbs.safer_practice.profile import apply_discussion
from kbs.safer_practice.render import render_markdown

CATALOGUES = Path(__file__).resolve().parents[3] / "kbs" / "catalogues"

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
def test_each_modifiable_risk_changes_the_plan_and_one_alone_is_still_unsafe_sleep(
        bed_sharing, risk_id):
    baseline = safer_sleep_plan(bed_sharing)
    plan = safer_sleep_plan({**bed_sharing, **MODIFIABLE[risk_id]})
    assert len(change_names(plan)) == len(change_names(baseline)) + 1
    assert render_markdown(plan) != render_markdown(baseline)
    assert unsafe_sleep(plan)["modifiable"] == [risk_id]
    # one remaining risk is never recorded as absent ("a safer sleep plan is in place")
    assert unsafe_sleep(plan)["status"] == "present"


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
    added = [item for item in different["items"] if item not in baseline["items"]]
    assert [item["text"] for item in added] == [
        sleep.sleep_catalogue().questions[never_id].risk.different_night]
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


# Unknown is never safe: "not sure" keeps every never-circumstance it might hide.

HOUSEHOLD_NEVER = ["smoking", "alcohol", "drugs_or_medication", "preterm", "low_birth_weight"]


def scored(plan):
    return score(apply_discussion({}, plan))


@pytest.mark.parametrize("never_id", HOUSEHOLD_NEVER)
def test_not_sure_whether_anyone_shares_keeps_the_never_circumstances(no_risk_sleep,
                                                                      never_id):
    plan = safer_sleep_plan({**no_risk_sleep, "shares": UNKNOWN, **NEVER[never_id]})
    assert unsafe_sleep(plan)["never"] == [never_id]
    assert unsafe_sleep(plan)["status"] == "present"
    assert "shares_sleep_surface" not in unsafe_sleep(plan)
    assert "hazardous_sleep" in scored(plan).red_flags
    text = render_markdown(plan)
    assert "It is not known yet whether anyone ever sleeps with the baby" in text
    assert "It is not known whether anyone shares a sleep surface with the baby, so nothing" \
        in text


@pytest.mark.parametrize("never_id", HOUSEHOLD_NEVER)
@pytest.mark.parametrize("sharing", [YES, UNKNOWN])
def test_not_sure_to_a_never_circumstance_question_is_not_excluded(bed_sharing, never_id,
                                                                   sharing):
    plan = safer_sleep_plan({**bed_sharing, "shares": sharing, never_id: UNKNOWN})
    assert unsafe_sleep(plan)["never"] == [never_id]
    assert unsafe_sleep(plan)["status"] == "present"
    assert "not excluded (answered not sure): " + never_id in unsafe_sleep(plan)["note"]
    assert "hazardous_sleep" in scored(plan).red_flags
    noted = sleep.sleep_catalogue().questions[never_id].risk.noted
    text = render_markdown(plan)
    assert f"Not ruled out yet: {noted}." in text
    assert f'Not excluded, because the answer was "not sure": {noted}.' in text


def test_not_sure_where_someone_shares_does_not_exclude_a_sofa(bed_sharing):
    plan = safer_sleep_plan({**bed_sharing, "night_place": "cot", "shared_place": UNKNOWN})
    assert unsafe_sleep(plan)["never"] == ["sofa_or_armchair"]
    assert "hazardous_sleep" in scored(plan).red_flags
    assert "Not ruled out yet: a sofa or armchair." in render_markdown(plan)


def test_a_not_sure_never_answer_where_nobody_shares_still_gets_its_advice(no_risk_sleep):
    plan = safer_sleep_plan({**no_risk_sleep, "alcohol": UNKNOWN})
    assert unsafe_sleep(plan)["status"] == "absent"  # nobody shares: not unsafe sleep
    different = next(s for s in plan["sections"] if s["heading"] == "Nights that are different")
    assert sleep.sleep_catalogue().questions["alcohol"].risk.different_night in [
        item["text"] for item in different["items"]]


@pytest.mark.parametrize("risk_id", MODIFIABLE)
def test_one_remaining_risk_is_never_recorded_or_labelled_as_a_plan_in_place(bed_sharing,
                                                                             risk_id):
    plan = safer_sleep_plan({**bed_sharing, **MODIFIABLE[risk_id]})
    status = unsafe_sleep(plan)["status"]
    options = load_catalogue().for_path("care.unsafe_sleep").options
    assert status != "absent" and options[status] != options["absent"]
    assert "plan is in place" not in json.dumps(plan)
    assert "A modifiable risk remains" in render_markdown(plan)
    assert "care.unsafe_sleep" in scored(plan).to_dict()["open_factors"]


def test_alcohol_is_any_amount_at_any_time_in_the_question_and_the_advice():
    alcohol = sleep.sleep_catalogue().questions["alcohol"]
    drugs = sleep.sleep_catalogue().questions["drugs_or_medication"]
    for text in (alcohol.ask, alcohol.risk.noted, alcohol.risk.instead,
                 alcohol.risk.different_night):
        assert "2 units or more" not in text and "at night" not in text, text
    assert "even a small amount, at any time of the day or night" in alcohol.ask
    assert alcohol.risk.noted == "alcohol (any amount)"
    for text in (alcohol.risk.instead, alcohol.risk.different_night):
        assert "any day or night" in text and "any alcohol, however little" in text
    assert "at any time of the day or night" in drugs.ask
    for text in (drugs.risk.instead, drugs.risk.different_night):
        assert "any day or night" in text
    header = (CATALOGUES / "safer_sleep.yml").read_text()
    assert "NICE (2021) strongly advises against bed-sharing after 2 or more units" in header
    assert "This file takes the Lullaby Trust's: any alcohol" in header


@pytest.mark.parametrize("answers", [
    {"shares": YES, "shared_place": "adult_bed"},  # a father who bed-shares most nights
    {"shares": YES, "shared_place": "sofa"}, {"shares": UNKNOWN}])
def test_the_own_cot_is_never_confirmed_where_someone_shares_or_might(no_risk_sleep, answers):
    plan = safer_sleep_plan({**no_risk_sleep, **answers})
    already = [item["text"] for section in plan["sections"] for item in section["items"]
               if section["heading"] == "What you already do that follows safer sleep advice"]
    assert not [text for text in already if "own cot or Moses basket" in text]


@pytest.mark.parametrize("question_id", [q for q, spec in sleep.sleep_catalogue()
                                         .questions.items() if spec.already])
def test_an_answer_left_not_sure_is_never_listed_as_safe_practice(bed_sharing,
                                                                  question_id):
    answers = {**bed_sharing, question_id: UNKNOWN}
    text = render_markdown(safer_sleep_plan(answers))
    assert sleep.sleep_catalogue().questions[question_id].already not in text


BED_MADE_READY = "less risky to do it in a bed made ready"


def test_the_bed_made_ready_text_is_shown_only_without_a_never_circumstance(no_risk_sleep,
                                                                          bed_sharing):
    assert BED_MADE_READY in render_markdown(safer_sleep_plan(no_risk_sleep))
    assert BED_MADE_READY in render_markdown(safer_sleep_plan(bed_sharing))


@pytest.mark.parametrize("never_id", NEVER)
@pytest.mark.parametrize("family", ["no_risk_sleep", "bed_sharing"])
@pytest.mark.parametrize("answer", [YES, UNKNOWN])
def test_the_bed_made_ready_text_is_never_shown_with_a_never_circumstance(
        request, family, never_id, answer):
    answers = dict(request.getfixturevalue(family))
    if never_id == "sofa_or_armchair":
        answers.update(shares=YES, shared_place="sofa" if answer == YES else UNKNOWN)
    else:
        answers[never_id] = answer
    assert BED_MADE_READY not in render_markdown(safer_sleep_plan(answers))
