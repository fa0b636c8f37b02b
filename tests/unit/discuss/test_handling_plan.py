"""The safe handling plan: ICON and a crying plan for every carer, fragile babies, and the
bruising protocol for a baby who is not mobile, never reassurance."""

import pytest
import yaml

from kbs.engine.routes_config import DEFAULT_ROUTES_FILE, ROUTES_ENV
from kbs.safer_practice import handling
from kbs.safer_practice.answers import NO, UNKNOWN, YES
from kbs.safer_practice.plans import safe_handling_plan
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
        assert carer_factors(plan, role) == {"icon_not_discussed": "absent",
                                             "no_crying_plan": "absent",
                                             "unsafe_handling": "absent"}


def test_a_father_without_icon_is_addressed_by_role(two_carers):
    two_carers["carer_answers"]["father"].update(icon=NO, crying_plan=NO)
    plan = safe_handling_plan(two_carers)
    father = section(plan, "For the father")
    names = [item["name"] for item in father["items"] if "name" in item]
    assert names == ["ICON for the father", "A crying plan for the father"]
    assert "Go through the four ICON messages above with the father" in render_markdown(plan)
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
    assert carer_factors(plan, "mother")["unsafe_handling"] == "absent"
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
    text = render_markdown(safe_handling_plan({**two_carers, "mark": YES, "mobile": YES}))
    assert "A bruise on a mobile baby still needs professional curiosity" in text


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
