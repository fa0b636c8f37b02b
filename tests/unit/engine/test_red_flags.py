"""Each red flag of docs/PROFILE-FORMAT.md: when it is raised, when it is not, and what it
adds."""

import pytest

from kbs.engine import score
from kbs.engine.rules import load_rules

from .builders import excluded, with_answer, with_values


def injured(**infant):
    return with_values(with_answer(excluded(), "infant.injury_or_bruise", "present"),
                       infant=infant)


def assert_flag(profile, flag):
    rule = load_rules().red_flags[flag]
    assert flag in profile.red_flags
    assert set(rule.routes) <= set(profile.routes)
    assert profile.level >= rule.level_at_least
    assert profile.reasons[f"red_flags.{flag}"]


# non_mobile_injury

@pytest.mark.parametrize("infant", [
    {"age_weeks": 40, "mobile": False},
    {"age_weeks": 20, "mobile": None},
    {"age_weeks": None, "mobile": None},
    # Since issue 15 (docs/PROFILE-FORMAT.md, red flag non_mobile_injury): unknown
    # mobility at any age, and any baby under six months whatever is said of mobility.
    {"age_weeks": 30, "mobile": None},
    {"age_weeks": 16, "mobile": True},
    {"age_weeks": 26, "mobile": True},
    {"age_weeks": None, "mobile": True},
])
def test_an_injury_on_a_baby_not_known_to_be_mobile_is_a_red_flag(infant):
    doc = injured(**infant)
    assert_flag(score(doc), "non_mobile_injury")


@pytest.mark.parametrize("infant", [{"age_weeks": 40, "mobile": True},
                                    {"age_weeks": 27, "mobile": True}])
def test_an_injury_on_a_mobile_or_older_baby_is_not_the_red_flag_but_is_considered(infant):
    profile = score(injured(**infant))
    assert "non_mobile_injury" not in profile.red_flags
    assert "urgent_paediatric_assessment" in profile.routes_to_consider


# high_risk_domestic_abuse

@pytest.mark.parametrize("details", [{"dash": "high"}, {"dash_yes": 14},
                                     {"dash": "medium", "dash_yes": 16}])
def test_high_risk_domestic_abuse_is_a_red_flag(details):
    doc = with_answer(excluded(), "carers.mother.domestic_abuse", "present", "professional",
                      **details)
    profile = score(doc)
    assert_flag(profile, "high_risk_domestic_abuse")
    assert "marac_referral" not in profile.routes_to_consider


@pytest.mark.parametrize("details", [{"dash": "medium"}, {"dash_yes": 10}, {"dash_yes": 13},
                                     {"dash": "standard", "dash_yes": 11}])
def test_domestic_abuse_on_the_cusp_of_high_leads_to_considering_marac(details):
    doc = with_answer(excluded(), "carers.mother.domestic_abuse", "present", "professional",
                      **details)
    profile = score(doc)
    assert "high_risk_domestic_abuse" not in profile.red_flags
    assert "marac_referral" in profile.routes_to_consider
    assert "professional judgement" in profile.reasons["routes.marac_referral"]


@pytest.mark.parametrize("details", [{}, {"dash": "standard"}, {"dash_yes": 9}])
def test_standard_risk_domestic_abuse_neither_flags_nor_considers_marac(details):
    doc = with_answer(excluded(), "carers.mother.domestic_abuse", "present", **details)
    profile = score(doc)
    assert "marac_referral" not in profile.routes + profile.routes_to_consider


def test_dash_answers_count_only_for_abuse_that_is_present():
    doc = with_answer(excluded(), "carers.mother.domestic_abuse", "unknown", dash="high")
    assert "high_risk_domestic_abuse" not in score(doc).red_flags


# intoxicated_care

@pytest.mark.parametrize("sole_carer", [True, None])
def test_chaotic_use_by_a_carer_who_may_be_alone_with_the_baby_is_a_red_flag(sole_carer):
    doc = with_answer(excluded(), "carers.mother.substance_use", "present", pattern="chaotic")
    doc["carers"]["mother"]["sole_carer"] = sole_carer
    assert_flag(score(doc), "intoxicated_care")


def test_chaotic_use_by_a_carer_never_alone_with_the_baby_is_not_the_red_flag():
    doc = with_answer(excluded(), "carers.mother.substance_use", "present", pattern="chaotic")
    doc["carers"]["mother"]["sole_carer"] = False
    assert "intoxicated_care" not in score(doc).red_flags


def test_stable_use_is_not_the_red_flag():
    doc = with_answer(excluded(), "carers.mother.substance_use", "present", pattern="stable")
    assert "intoxicated_care" not in score(doc).red_flags


def test_care_while_intoxicated_observed_is_a_red_flag_whatever_the_pattern():
    doc = with_answer(excluded(), "carers.father.substance_use", "present", pattern="stable",
                      intoxicated_care_observed=True)
    doc["carers"]["father"]["sole_carer"] = False
    assert_flag(score(doc), "intoxicated_care")


# hazardous_sleep

def unsafe_sleep(**details):
    return with_answer(excluded(), "care.unsafe_sleep", "present", "carer_account", **details)


@pytest.mark.parametrize("never", [["smoking"], ["sofa_or_armchair"], ["drugs_or_medication"]])
def test_a_never_circumstance_when_sharing_a_sleep_surface_is_a_red_flag(never):
    assert_flag(score(unsafe_sleep(shares_sleep_surface=True, never=never)), "hazardous_sleep")


def test_a_preterm_baby_sharing_a_sleep_surface_is_a_red_flag():
    doc = with_values(unsafe_sleep(shares_sleep_surface=True), infant={"gestation_weeks": 35})
    profile = score(doc)
    assert_flag(profile, "hazardous_sleep")
    assert "preterm" in profile.reasons["red_flags.hazardous_sleep"]


def test_a_sofa_with_an_intoxicated_carer_is_above_all_and_at_least_level_3():
    doc = unsafe_sleep(shares_sleep_surface=True, never=["sofa_or_armchair", "alcohol"])
    profile = score(doc)
    assert_flag(profile, "hazardous_sleep")
    assert profile.level >= 3
    assert "above all" in profile.reasons["red_flags.hazardous_sleep"]


def test_modifiable_risks_alone_are_not_the_red_flag_but_need_a_plan():
    profile = score(unsafe_sleep(shares_sleep_surface=True,
                                 modifiable=["pillows_or_duvet", "very_tired"]))
    assert "hazardous_sleep" not in profile.red_flags
    assert "safer_sleep_plan" in profile.routes


# immediate_danger

def test_the_practitioner_saying_the_baby_is_in_danger_now_is_a_red_flag():
    profile = score(with_values(excluded(), judgement={"immediate_danger": True}))
    assert_flag(profile, "immediate_danger")
    assert profile.level == 4


def test_red_flags_are_listed_in_the_spec_order():
    doc = with_values(injured(mobile=False), judgement={"immediate_danger": True})
    doc = with_answer(doc, "carers.mother.substance_use", "present", pattern="chaotic")
    assert score(doc).red_flags == ("non_mobile_injury", "intoxicated_care", "immediate_danger")
