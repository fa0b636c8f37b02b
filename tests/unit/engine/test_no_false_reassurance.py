"""Issue 15, the engine: where the profile used to reassure, it now escalates.

Each situation is an answers file in ``scenarios/`` scored by `kbs score --format json` (the
command's own function), and the rule behind it is also tested on small changes to the
family excluded on evidence (``builders.excluded``)."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbs.assessment.vocabulary import load_vocabulary
from kbs.cli.profile_commands import score as score_command
from kbs.engine import load_routes, score
from kbs.engine.catalogue import load_catalogue
from kbs.engine.rules import ROUTE_IDS, load_rules

from .builders import excluded, with_answer, with_values

SCENARIOS = Path(__file__).resolve().parent / "scenarios"
CORROBORATED = ["substance_use", "mental_health", "domestic_abuse", "harmful_stress_response"]
# Key since issue 15: a profile is never complete, nor level 1, while one is unknown.
NEWLY_KEY = ["carers.father.unsafe_handling", "carers.father.icon_not_discussed",
             "carers.father.no_crying_plan", "carers.father.non_engagement",
             "carers.mother.unsafe_handling", "carers.mother.icon_not_discussed",
             "carers.mother.no_crying_plan", "carers.mother.non_engagement",
             "household.poor_home_conditions"]  # unknown: "home not seen"


def kbs_score(name):
    """`kbs score scenarios/<name> --format json`, as another system would call it."""
    result = CliRunner().invoke(score_command, [str(SCENARIOS / name), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


# 1. non_mobile_injury: rolling is not mobility; every baby under six months is non-mobile.

def test_a_bruise_on_a_16_week_old_recorded_as_mobile_is_a_red_flag():
    profile = kbs_score("bruise-16-weeks-recorded-mobile.yml")
    assert "non_mobile_injury" in profile["red_flags"]
    assert profile["level"] >= 3
    assert {"urgent_paediatric_assessment", "childrens_social_care_referral"} <= set(
        profile["routes"])
    assert "under six months" in profile["reasons"]["red_flags.non_mobile_injury"]


@pytest.mark.parametrize("infant", [
    {"age_weeks": 16, "mobile": True},  # said to be mobile, but under six months
    {"age_weeks": 26, "mobile": True},  # 26 weeks counts as under six months
    {"age_weeks": 40, "mobile": False},  # not independently mobile at any age
    {"age_weeks": 40},  # mobility not known, at any age
    {"mobile": True},  # age not known: may be under six months
])
def test_an_injury_is_the_red_flag_unless_older_than_six_months_and_mobile(infant):
    doc = with_values(with_answer(excluded(), "infant.injury_or_bruise", "present"),
                      infant={"age_weeks": None, "mobile": None, **infant})
    profile = score(doc)
    assert "non_mobile_injury" in profile.red_flags and profile.level >= 3
    rule = load_rules().red_flags["non_mobile_injury"]
    assert set(rule.routes) <= set(profile.routes)


def test_rolling_is_not_mobility_in_the_rule_and_the_questions():
    description = load_rules().red_flags["non_mobile_injury"].description
    assert "rolling is not mobility" in description
    catalogue = load_catalogue()
    for question in (catalogue.infant_block["mobile"].question,
                     catalogue.factor("infant", "not_mobile").question,
                     load_vocabulary().messages["ask_mobile"]):
        assert "crawling" in question and "walking" in question
        assert "rolling and sitting are not independent mobility" in question.lower()


# 2. The carer's own account is not enough (docs/PROFILE-FORMAT.md, principle 2).

def test_exclusions_on_the_mothers_word_alone_are_never_level_1():
    profile = kbs_score("exclusions-on-mothers-word.yml")
    assert profile["level"] >= 2
    assert set(profile["uncorroborated"]) == {f"carers.mother.{f}" for f in CORROBORATED}
    assert profile["routes"][0] == "information_sharing"
    assert "wider_family_engagement" in profile["routes"]
    assert "uncorroborated" in profile["reasons"]["level"]


@pytest.mark.parametrize("factor", CORROBORATED)
@pytest.mark.parametrize("role", ["mother", "father"])
def test_any_one_exclusion_on_a_carers_word_is_at_least_level_2_corroboration_first(
        factor, role):
    profile = score(with_answer(excluded(), f"carers.{role}.{factor}", "absent",
                                source="carer_account"))
    assert profile.uncorroborated == (f"carers.{role}.{factor}",)
    assert profile.level >= 2
    assert profile.routes[0] == "information_sharing"


def test_corroboration_comes_after_only_the_red_flags_routes():
    doc = with_answer(excluded(), "carers.mother.substance_use", "absent", "carer_account")
    profile = score(with_values(doc, judgement={"immediate_danger": True}))
    assert profile.routes[:2] == ("emergency_999", "information_sharing")


# 3. Domestic abuse with no DASH completed: the DASH risk assessment.

def test_domestic_abuse_with_no_dash_suggests_the_dash_risk_assessment():
    profile = kbs_score("domestic-abuse-no-dash.yml")
    assert "dash_risk_assessment" in profile["routes"]
    assert "no DASH" in profile["reasons"]["routes.dash_risk_assessment"]


@pytest.mark.parametrize("status, details, suggested", [
    ("present", {}, True),
    ("present", {"role": "perpetrator"}, True),
    ("unknown", {"role": "victim"}, True),  # suspected: a victim recorded, not confirmed
    ("present", {"dash": "standard"}, False),  # a DASH has been completed
    ("present", {"dash_yes": 3}, False),
    ("unknown", {}, False),
])
def test_the_dash_risk_assessment_until_a_dash_is_completed(status, details, suggested):
    doc = with_answer(excluded(), "carers.father.domestic_abuse", status, "professional",
                      **details)
    assert ("dash_risk_assessment" in score(doc).routes) is suggested


def test_the_dash_route_is_in_the_urgency_order_and_every_routes_file():
    assert ROUTE_IDS.index("marac_referral") < ROUTE_IDS.index("dash_risk_assessment")
    route = load_routes().routes["dash_risk_assessment"]
    assert "DASH" in route.name and "MARAC" in route.description and route.contact


# 4. Safe handling, engagement and the home are key factors.

def test_handling_engagement_and_home_not_seen_leave_the_profile_incomplete():
    profile = kbs_score("handling-engagement-home-unknown.yml")
    assert profile["complete"] is False and profile["level"] >= 2
    assert {"carers.father.unsafe_handling", "carers.father.icon_not_discussed",
            "carers.father.no_crying_plan", "carers.father.non_engagement",
            "household.poor_home_conditions"} <= set(profile["missing_key_factors"])


@pytest.mark.parametrize("path", NEWLY_KEY)
def test_each_handling_engagement_and_home_factor_unknown_is_never_level_1(path):
    profile = score(with_answer(excluded(), path, "unknown"))
    assert not profile.complete and path in profile.missing_key_factors
    assert profile.level >= 2


def test_home_not_seen_is_the_unknown_of_poor_home_conditions():
    factor = load_catalogue().factor("household", "poor_home_conditions")
    assert factor.key and factor.options["unknown"] == "home not seen"


# 6. Alcohol: any amount, any time of day or night.

UNITS = re.compile(r"\b(2|two)\b[^.]{0,20}\bunits?\b|\bunits? or more\b", re.IGNORECASE)


def catalogue_texts():
    """What the Assess mode and the engine ask and say (factors.yml, scoring.yml,
    assessment.yml messages)."""
    catalogue = load_catalogue()
    for factor in catalogue.factors:
        yield from (factor.label, factor.question, factor.rationale,
                    *factor.options.values())
        yield from (field.question for field in (factor.fields or {}).values())
    yield from (q.question for q in catalogue.infant_block.values())
    yield from (rule.description for rule in load_rules().red_flags.values())
    yield from load_vocabulary().messages.values()


def test_no_question_or_message_says_two_units_or_only_at_night():
    texts = list(catalogue_texts())
    assert not [text for text in texts if UNITS.search(text)]
    never = load_catalogue().factor("care", "unsafe_sleep").fields["never"].question
    assert "any alcohol" in never and "day or night" in never
