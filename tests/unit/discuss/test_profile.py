"""What a discussion sets in the Infant Care Profile, through ``apply_discussion``; the result
is checked and scored by the profile engine itself."""

import pytest

from kbs.engine import parse_answers, score
from kbs.safer_practice.answers import NO, YES
from kbs.safer_practice.plans import safe_handling_plan, safer_sleep_plan
from kbs.safer_practice.profile import apply_discussion, profile_roles


def test_the_sleep_discussion_sets_unsafe_sleep_as_the_spec_shapes_it(bed_sharing):
    plan = safer_sleep_plan({**bed_sharing, "shared_place": "sofa", "alcohol": YES,
                             "pillows_or_duvet": YES})
    answers = apply_discussion({"infant": {"age_weeks": 10}, "factors": {}}, plan)
    assert answers["factors"]["care.unsafe_sleep"] == {
        "status": "present", "source": "carer_account", "shares_sleep_surface": True,
        "never": ["sofa_or_armchair", "alcohol"], "modifiable": [],
        "note": "from the safer sleep discussion"}
    assert answers["factors"]["household.routine_disruption"]["status"] == "absent"
    assert answers["infant"] == {"age_weeks": 10}
    assert "hazardous_sleep" in score(answers).red_flags


def test_the_handling_discussion_sets_each_carers_factors(two_carers):
    two_carers["carers"].append("grandmother")
    two_carers["carer_answers"]["grandmother"] = {"icon": NO, "crying_plan": NO, "concern": NO}
    plan = safe_handling_plan({**two_carers, "mark": YES, "mobile": NO})
    answers = apply_discussion({}, plan)
    assert set(answers["carers"]) == {"mother", "father", "other_adult"}
    assert answers["carers"]["other_adult"]["relation"] == "grandmother"
    assert answers["carers"]["other_adult"]["icon_not_discussed"] == {
        "status": "present", "source": "carer_account",
        "note": "from the safe handling discussion"}
    assert answers["factors"]["infant.injury_or_bruise"]["status"] == "present"
    assert answers["infant"] == {"mobile": False}
    assert "non_mobile_injury" in score(answers).red_flags


def test_a_known_factor_is_never_lowered(two_carers):
    profile = {"carers": {"father": {"icon_not_discussed": {"status": "present",
                                                            "source": "professional"}}},
               "factors": {"infant.injury_or_bruise": {"status": "present",
                                                       "source": "observed"}},
               "infant": {"mobile": True}}
    answers = apply_discussion(profile, safe_handling_plan({**two_carers, "mobile": NO}))
    assert answers["carers"]["father"]["icon_not_discussed"]["source"] == "professional"
    assert answers["factors"]["infant.injury_or_bruise"]["source"] == "observed"
    assert answers["infant"]["mobile"] is True
    assert profile["carers"]["father"] == {"icon_not_discussed": {"status": "present",
                                                                  "source": "professional"}}


def test_a_present_finding_replaces_an_exclusion(two_carers):
    two_carers["carer_answers"]["father"]["icon"] = NO
    profile = {"carers": {"father": {"icon_not_discussed": {"status": "absent",
                                                            "source": "carer_account"}}}}
    answers = apply_discussion(profile, safe_handling_plan(two_carers))
    assert answers["carers"]["father"]["icon_not_discussed"]["status"] == "present"


def test_a_carer_is_matched_by_relation(two_carers):
    two_carers["carers"] = ["grandmother"]
    two_carers["carer_answers"] = {"grandmother": {"icon": NO, "crying_plan": NO,
                                                   "concern": NO}}
    profile = {"carers": {"other_adult": {"relation": "lodger"},
                          "other_adult_2": {"relation": "grandmother"}}}
    answers = apply_discussion(profile, safe_handling_plan(two_carers))
    assert answers["carers"]["other_adult"] == {"relation": "lodger"}
    assert answers["carers"]["other_adult_2"]["icon_not_discussed"]["status"] == "present"


def test_sharing_with_a_baby_the_profile_knows_was_preterm_is_unsafe_sleep(bed_sharing):
    plan = safer_sleep_plan({**bed_sharing, "preterm": "unknown"})
    answers = apply_discussion({"infant": {"gestation_weeks": 34}}, plan)
    assert answers["factors"]["care.unsafe_sleep"]["status"] == "present"
    assert answers["factors"]["care.unsafe_sleep"]["never"] == ["preterm"]


@pytest.mark.parametrize("sleep_answers", [
    {}, {"shares": NO}, {"alcohol": YES}, {"day_place": "sofa"},
    {"pillows_or_duvet": YES, "very_tired": YES}, {"shares": "unknown"},
    {"shares": "unknown", "alcohol": YES}, {"alcohol": "unknown"}, {"shared_place": "unknown"},
    {"left_alone": YES}])
def test_every_result_is_an_answers_document_the_engine_accepts(bed_sharing, two_carers,
                                                                 sleep_answers):
    answers = apply_discussion({}, safer_sleep_plan({**bed_sharing, **sleep_answers}))
    answers = apply_discussion(answers, safe_handling_plan(two_carers))
    parse_answers(answers)


def test_relations_other_than_parents_and_partners_are_other_adults():
    assert profile_roles(["mother", "grandmother", "partner", "lodger"]) == {
        "mother": "mother", "grandmother": "other_adult", "partner": "partner",
        "lodger": "other_adult_2"}


def test_a_not_sure_preterm_is_dropped_where_the_profile_shows_a_term_baby(bed_sharing):
    plan = safer_sleep_plan({**bed_sharing, "preterm": "unknown"})
    assert plan["profile"]["factors"]["care.unsafe_sleep"]["never"] == ["preterm"]
    answers = apply_discussion({"infant": {"gestation_weeks": 40}}, plan)
    assert answers["factors"]["care.unsafe_sleep"]["never"] == []
    assert answers["factors"]["care.unsafe_sleep"]["status"] == "absent"
    assert "hazardous_sleep" not in score(answers).red_flags
    kept = apply_discussion({}, plan)  # nothing known of the baby: not excluded
    assert "hazardous_sleep" in score(kept).red_flags
