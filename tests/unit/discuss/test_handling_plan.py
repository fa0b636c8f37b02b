"""The safe handling plan: ICON and a crying plan for every carer, fragile babies, and the
bruising protocol for a baby who is not mobile, never reassurance."""

import json

import pytest
import yaml

from kbs.engine import red_flags, score
from kbs.engine.catalogue import load_catalogue
from kbs.engine.routes_config import DEFAULT_ROUTES_FILE, ROUTES_ENV
from kbs.safer_practice import handling
from kbs.safer_practice.answers import NO, UNKNOWN, YES
from kbs.safer_practice.plans import safe_handling_plan
from kbs.safer_practice.profile import apply_discussion
from kbs.safer_practice.render import render_markdown
from tests.unit.discuss.wording import REASSURANCE


def carer_factors(plan, role):
    return {name: factor["status"] for name, factor in plan["profile"]["carers"][role].items()
            if name != "relation"}


def section(plan, heading):
    return next(s for s in plan["sections"] if s["heading"] == heading)


def test_every_carer_with_icon_and_a_plan_has_it_confirmed(two_carers):
    plan = safe_handling_plan(two_carers)
    text = render_markdown(plan)
    assert "The father has heard the ICON messages." in text
    assert "The mother has a plan for when the crying gets too much." in text
    assert plan["urgent"] == []
    for role in ("mother", "father"):
        # nobody voicing a worry about handling is the family's account, not handling seen
        assert carer_factors(plan, role) == {"icon_not_discussed": "absent",
                                             "no_crying_plan": "absent",
                                             "unsafe_handling": "unknown"}


def test_a_father_without_icon_is_addressed_by_role(two_carers):
    two_carers["carer_answers"]["father"].update(icon=NO, crying_plan=NO)
    plan = safe_handling_plan(two_carers)
    father = section(plan, "For the father")
    names = [item["name"] for item in father["items"] if "name" in item]
    assert names == ["ICON for the father", "A crying plan for the father"]
    assert "The father reads the four ICON messages above" in render_markdown(plan)
    assert "ICON has not yet reached: the father." in render_markdown(plan)
    assert carer_factors(plan, "father")["icon_not_discussed"] == "present"
    assert carer_factors(plan, "father")["no_crying_plan"] == "present"
    assert carer_factors(plan, "mother")["icon_not_discussed"] == "absent"


def test_every_carer_gets_a_crying_plan_to_fill_in_by_hand(two_carers):
    text = render_markdown(safe_handling_plan(two_carers))
    assert "**Crying plan for the mother**" in text and "**Crying plan for the father**" in text
    assert "Who I can call (write names and numbers here, on paper only):" in text


def test_a_handling_worry_sets_unsafe_handling(two_carers):
    two_carers["carer_answers"]["father"]["concern"] = YES
    plan = safe_handling_plan(two_carers)
    assert carer_factors(plan, "father")["unsafe_handling"] == "present"
    assert "How the father handles the baby" in render_markdown(plan)


def test_a_fragile_baby_needs_every_carer_shown_how_to_handle_them(two_carers):
    answers = {**two_carers, "condition": YES}
    assert handling.next_question(answers) == ("shown_fragile", "mother")
    answers["carer_answers"]["mother"]["shown_fragile"] = YES
    answers["carer_answers"]["father"]["shown_fragile"] = NO
    plan = safe_handling_plan(answers)
    assert carer_factors(plan, "father")["unsafe_handling"] == "present"
    assert carer_factors(plan, "mother")["unsafe_handling"] == "unknown"  # handling not seen
    assert "Handling a baby with a medical condition or fragile bones" in render_markdown(plan)


@pytest.mark.parametrize("mobile", [NO, UNKNOWN])
def test_a_mark_on_a_baby_not_known_to_be_mobile_leads_to_the_protocol(two_carers, mobile):
    plan = safe_handling_plan({**two_carers, "mark": YES, "mobile": mobile})
    urgent = render_markdown(plan).split("## ICON")[0]
    assert "urgent paediatric assessment" in urgent
    assert "referral to children's social care" in urgent
    assert "whatever the explanation" in urgent
    assert plan["profile"]["factors"]["infant.injury_or_bruise"]["status"] == "present"
    assert plan["profile"]["infant"] == ({"mobile": False} if mobile == NO else {})


def test_the_protocol_names_the_partnerships_local_routes(two_carers, tmp_path, monkeypatch):
    routes = yaml.safe_load(DEFAULT_ROUTES_FILE.read_text())
    routes["routes"]["childrens_social_care_referral"]["contact"] = "Elsewhere's front door"
    elsewhere = tmp_path / "elsewhere.yml"
    elsewhere.write_text(yaml.safe_dump(routes))
    monkeypatch.setenv(ROUTES_ENV, str(elsewhere))
    urgent = render_markdown(safe_handling_plan({**two_carers, "mark": YES, "mobile": NO}))
    assert "- Children's social care referral (the front door): Elsewhere's front door" in urgent
    assert "- Emergency (999): Call 999" in urgent


def test_a_mark_on_a_mobile_baby_still_asks_for_professional_curiosity(two_carers):
    text = render_markdown(safe_handling_plan({**two_carers, "mark": YES, "mobile": YES,
                                               "age_weeks": 34}))
    assert "A bruise on a mobile baby still needs professional curiosity" in text


def test_a_mark_on_a_mobile_baby_whose_age_is_not_known_is_the_non_mobile_protocol(two_carers):
    """The engine's rule: a baby whose age is not known may be under six months."""
    answers = {**two_carers, "mark": YES, "mobile": YES}
    assert handling.protocol(answers) == "non_mobile_mark"


@pytest.mark.parametrize("answers", [
    {"mark": YES, "mobile": NO}, {"mark": NO}, {"mark": UNKNOWN, "mobile": YES},
    {"mark": YES, "mobile": YES, "condition": YES}])
def test_no_plan_reassures(two_carers, answers):
    text = render_markdown(safe_handling_plan({**two_carers, **answers}))
    assert not REASSURANCE.search(text), REASSURANCE.search(text)


def test_questions_follow_the_carers_named():
    answers = {"mark": NO, "condition": NO, "carers": ["mother", "partner"]}
    assert handling.questions(answers)[3:] == [
        ("icon", "mother"), ("crying_plan", "mother"), ("concern", "mother"),
        ("icon", "partner"), ("crying_plan", "partner"), ("concern", "partner"),
        ("family_plan", None)]
    assert handling.questions({"mark": YES})[:2] == [("mark", None), ("mobile", None)]


def test_carer_answers_merge_carer_by_carer(two_carers):
    merged = handling.with_answers(two_carers, {"carer_answers": {"father": {"icon": NO}}})
    assert merged["carer_answers"]["father"] == {"icon": NO, "crying_plan": YES, "concern": NO}
    assert two_carers["carer_answers"]["father"]["icon"] == YES


def test_nobody_worried_about_handling_is_the_familys_account_not_handling_seen(two_carers):
    plan = safe_handling_plan(two_carers)
    for role in ("mother", "father"):
        factor = plan["profile"]["carers"][role]["unsafe_handling"]
        assert factor["status"] == "unknown" and factor["source"] == "carer_account"
    options = load_catalogue().for_path("carers.father.unsafe_handling").options
    answers = apply_discussion({}, plan)
    assert all(answers["carers"][role]["unsafe_handling"]["status"] != "absent"
               for role in ("mother", "father"))
    assert options["absent"] not in json.dumps(answers)
    assert "Nobody raised a worry about how the baby is handled by: the mother, the father." \
        in render_markdown(plan)


# The bruising rule is the engine's (docs/PROFILE-FORMAT.md, red flag non_mobile_injury).

@pytest.mark.parametrize("mobile, protocol", [
    (NO, "non_mobile_mark"), (UNKNOWN, "non_mobile_mark"), (None, "non_mobile_mark"),
    (YES, "mobile_mark")])
def test_discuss_and_the_engine_agree_on_a_mark(two_carers, mobile, protocol):
    answers = {**two_carers, "mark": YES, "age_weeks": 34,
               **({"mobile": mobile} if mobile else {})}
    plan = safe_handling_plan(answers)
    assert handling.protocol(answers) == protocol
    flagged = "non_mobile_injury" in score(apply_discussion({}, plan)).red_flags
    assert flagged == (protocol == "non_mobile_mark")


def test_the_protocol_follows_the_engines_rule(two_carers, monkeypatch):
    answers = {**two_carers, "mark": YES, "mobile": YES}
    monkeypatch.setattr(red_flags, "non_mobile_injury", lambda answers, rules: "flagged")
    assert handling.protocol(answers) == "non_mobile_mark"
    monkeypatch.setattr(red_flags, "non_mobile_injury", lambda answers, rules: "")
    assert handling.protocol({**answers, "mobile": NO}) == "mobile_mark"


def test_the_mobility_question_says_rolling_is_not_mobility():
    ask = handling.handling_catalogue().questions["mobile"].ask
    assert "Rolling over does not count" in ask
    assert "every baby under 6 months counts as not mobile" in ask


# The family's copy: never what one carer disclosed about another, the protocol, or the
# practitioner's notes.

FAMILY_LEAKS = ["How the partner handles the baby", "worry", "rough", "For the practitioner",
                "protocol", "social care", "paediatric", "domestic abuse", "safeguarding lead",
                "Observe"]


def test_the_familys_copy_leaves_out_mums_disclosure_about_her_partner(two_carers):
    given = {"icon": YES, "crying_plan": YES, "concern": NO}
    answers = {**two_carers, "carers": ["mother", "partner"], "mark": YES, "mobile": NO,
               "carer_answers": {"mother": dict(given), "partner": {**given, "concern": YES}}}
    plan = safe_handling_plan(answers)
    full = render_markdown(plan)
    family = render_markdown(plan, practitioner=False)
    assert "How the partner handles the baby" in full and "Act now" in full
    for leak in FAMILY_LEAKS:
        assert leak.lower() not in family.lower(), leak
    assert "**Crying plan for the partner**" in family
    assert "The partner has heard the ICON messages." in family


def test_what_is_not_for_the_family_is_said_in_the_catalogue():
    catalogue = handling.handling_catalogue()
    assert catalogue.questions["concern"].risk.for_family is False
    assert {spec["audience"] for name, spec in catalogue["protocol"].items()
            if isinstance(spec, dict)} == {"practitioner"}


def test_a_plan_saved_before_items_were_marked_gives_the_family_nothing_unmarked(two_carers):
    two_carers["carer_answers"]["father"]["concern"] = YES
    plan = safe_handling_plan(two_carers)
    for section in plan["sections"]:
        for item in section["items"]:
            del item["for_family"]
    family = render_markdown(plan, practitioner=False)
    assert "How the father handles the baby" not in family
    assert "## ICON" not in family
