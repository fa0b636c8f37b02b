"""Each principle of docs/PROFILE-FORMAT.md, one test (or a few) apiece."""

import pytest

from kbs.engine import score
from kbs.engine.catalogue import load_catalogue

from .builders import excluded, fixture_doc, with_answer, with_values

CARER_CORROBORATION = ["substance_use", "mental_health", "domestic_abuse",
                       "harmful_stress_response"]
STRESSORS = [f.path() for f in load_catalogue().household_factors() if f.has("stressor")]
# (path, extra answers) that make a carer's response to stress harmful
HARMFUL_RESPONSES = [
    ("carers.father.harmful_stress_response", {}),
    ("carers.father.substance_use", {"pattern": "stable"}),
    ("carers.father.domestic_abuse", {"role": "perpetrator"}),
    ("carers.mother.domestic_abuse", {"role": "both"}),
]


# 1. Assumption of risk: unknown never counts as safe.

def test_a_family_excluded_on_evidence_is_level_1_with_only_universal_messages():
    profile = score(excluded())
    assert (profile.level, profile.complete, profile.red_flags) == (1, True, ())
    assert profile.routes == ("universal_messages",)


def test_the_same_family_all_unknown_is_incomplete_and_not_level_1():
    profile = score(fixture_doc("all-unknown.yml"))
    assert not profile.complete
    assert profile.level >= 2
    assert "carers.mother.substance_use" in profile.missing_key_factors
    assert "incomplete" in profile.reasons["level"]


@pytest.mark.parametrize("path", [f.path("mother") for f in load_catalogue().factors
                                  if f.key and not f.derived])
def test_one_key_factor_unknown_makes_the_profile_incomplete_and_never_level_1(path):
    profile = score(with_answer(excluded(), path, "unknown"))
    assert not profile.complete
    assert path in profile.missing_key_factors
    assert profile.level >= 2


def test_a_non_key_factor_unknown_leaves_the_profile_complete_but_not_excluded():
    profile = score(with_answer(excluded(), "household.isolation", "unknown"))
    assert profile.complete
    assert "household.isolation" in profile.unknown_factors


def test_a_household_with_no_carer_recorded_is_incomplete():
    doc = excluded()
    del doc["carers"]
    profile = score(doc)
    assert "carers" in profile.missing_key_factors and profile.level >= 2


# 2. The carer's own account is not enough.

@pytest.mark.parametrize("factor", CARER_CORROBORATION)
def test_an_exclusion_on_the_carers_account_alone_is_uncorroborated(factor):
    path = f"carers.mother.{factor}"
    profile = score(with_answer(excluded(), path, "absent", source="carer_account"))
    assert profile.uncorroborated == (path,)
    assert "Corroborate:" in profile.reasons[path]
    assert {"wider_family_engagement", "information_sharing"} <= set(profile.routes)


@pytest.mark.parametrize("source", ["observed", "professional", "wider_family"])
def test_an_exclusion_on_other_evidence_is_not_uncorroborated(source):
    path = "carers.mother.substance_use"
    assert score(with_answer(excluded(), path, "absent", source=source)).uncorroborated == ()


def test_other_factors_excluded_on_the_carers_account_are_not_listed_as_uncorroborated():
    doc = with_answer(excluded(), "household.isolation", "absent", source="carer_account")
    assert score(doc).uncorroborated == ()


# 3. Stress x response.

@pytest.mark.parametrize("stressor", STRESSORS)
@pytest.mark.parametrize("response,extra", HARMFUL_RESPONSES)
def test_stress_with_a_harmful_response_raises_beyond_either_alone(stressor, response, extra):
    stress = with_answer(excluded(), stressor, "present")
    harmful = with_answer(excluded(), response, "present", **extra)
    both = with_answer(stress, response, "present", **extra)
    alone = max(score(stress).level, score(harmful).level)
    assert score(both).level == min(4, alone + 1)
    assert "stress x response" in score(both).reasons["level"]


def test_domestic_abuse_suffered_as_a_victim_is_not_a_harmful_response():
    doc = with_answer(excluded(), "household.material_hardship", "present")
    victim = score(with_answer(doc, "carers.mother.domestic_abuse", "present", role="victim"))
    assert "stress x response" not in victim.reasons["level"]


# 4. The baby's own vulnerability amplifies.

def test_the_babys_vulnerability_amplifies_the_same_risks():
    robust = with_values(excluded(), infant={"age_weeks": 40, "gestation_weeks": 40,
                                             "mobile": True})
    robust = with_answer(robust, "carers.father.mental_health", "present")
    robust = with_answer(robust, "carers.mother.minimisation", "present")
    vulnerable = with_values(robust, infant={"age_weeks": 8, "gestation_weeks": 33,
                                             "mobile": False})
    vulnerable = with_answer(vulnerable, "infant.health_condition", "present", "professional")
    assert score(vulnerable).points > score(robust).points
    assert score(vulnerable).level > score(robust).level
    assert "for the baby's vulnerability" in score(vulnerable).reasons["level"]


def test_vulnerabilities_are_listed_but_age_and_mobility_are_not_open_factors():
    profile = score(excluded())
    assert profile.vulnerabilities == ("infant.not_mobile", "infant.under_six_months")
    assert profile.open_factors == ()


# 5. Hidden risk is named and leads to considering escalation.

@pytest.mark.parametrize("path", ["carers.father.unknown_to_practitioners",
                                  "carers.father.non_engagement", "carers.mother.minimisation",
                                  "information.wider_family_not_engaged"])
def test_hidden_risk_is_named(path):
    profile = score(with_answer(excluded(), path, "present"))
    assert profile.hidden_risk and path in profile.hidden_risk_factors
    assert profile.level >= 2
    assert {"safeguarding_lead_consult", "wider_family_engagement"} <= set(profile.routes)
    assert "consider escalation" in profile.reasons["hidden_risk"]


def test_wider_family_contact_refused_is_hidden_risk():
    doc = with_values(excluded(), wider_family=[{"relation": "maternal grandmother",
                                                 "contact": "refused"}])
    profile = score(doc)
    assert profile.hidden_risk_factors == ("wider_family[0]",)


# 6. Red flags override (each flag in test_red_flags.py).

def test_a_red_flag_overrides_a_level_1_profile():
    doc = with_values(excluded(), judgement={"immediate_danger": True})
    profile = score(doc)
    assert profile.level == 4 and profile.red_flags == ("immediate_danger",)
    assert profile.routes[0] == "emergency_999"


# 7. Safe handling and safe sleep are scored as part of the profile.

@pytest.mark.parametrize("path", ["care.unsafe_sleep", "carers.father.unsafe_handling",
                                  "carers.father.icon_not_discussed",
                                  "carers.father.no_crying_plan"])
def test_safe_sleep_and_handling_count_in_the_score(path):
    assert score(with_answer(excluded(), path, "present")).points > 0


# 9. Support judgement, never replace it.

def test_judgement_can_raise_the_level_and_is_recorded():
    profile = score(with_values(excluded(), judgement={"level": 3, "note": "gut feeling"}))
    assert profile.level == 3
    assert profile.judgement["applied"] and profile.judgement["computed_level"] == 1
    assert "gut feeling" in profile.reasons["level"]


def test_judgement_never_lowers_the_level_but_is_recorded_as_not_applied():
    doc = with_values(fixture_doc("infant-1-before-harm.yml"),
                      judgement={"level": 1, "note": "mother says she has stopped"})
    profile = score(doc)
    assert profile.level >= 3
    assert profile.judgement == {"level": 1, "note": "mother says she has stopped",
                                 "applied": False, "computed_level": profile.level,
                                 "immediate_danger": False}
    assert "recorded but not applied" in profile.reasons["level"]


def test_every_open_factor_and_route_is_explained():
    profile = score(fixture_doc("infant-2-before-injury.yml"))
    for path in profile.open_factors + profile.uncorroborated + profile.missing_key_factors:
        assert profile.reasons[path]
    for route in profile.routes + profile.routes_to_consider:
        assert profile.reasons[f"routes.{route}"]
    assert "points give level" in profile.reasons["level"]


def test_a_present_factor_reason_says_what_was_answered_and_why_it_matters():
    doc = with_answer(excluded(), "carers.mother.substance_use", "present", "professional",
                      pattern="chaotic", note="police call-outs")
    reason = score(doc).reasons["carers.mother.substance_use"]
    assert reason.startswith("present (professional; pattern: chaotic; police call-outs): 5 points")
    assert "review 4.3" in reason


def test_the_output_has_the_spec_keys():
    keys = set(score(excluded()).to_dict())
    assert {"level", "level_name", "complete", "red_flags", "routes", "open_factors",
            "uncorroborated", "stress_points", "hidden_risk", "wider_family",
            "review_at_each_contact", "reasons", "judgement"} <= keys
