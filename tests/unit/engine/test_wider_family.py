"""Wider-family steps are specific: who, what to ask, and what to do if contact is refused."""

from kbs.engine import score

from .builders import excluded, fixture_doc, with_answer, with_values

REFUSED = "If contact is refused or blocked"


def test_a_family_excluded_on_evidence_needs_no_wider_family_step():
    assert score(excluded()).wider_family == ()


def test_each_carer_not_seen_gets_a_step_to_see_them_in_person():
    doc = with_answer(excluded(), "carers.father.unknown_to_practitioners", "present")
    doc = with_answer(doc, "carers.father.substance_use", "unknown")
    (step,) = score(doc).wider_family
    assert step.startswith("The father, a carer not yet seen or identified by practitioners")
    assert "see them in person" in step
    assert "who really looks after the baby and when" in step
    assert "alcohol or drug use" in step
    assert REFUSED in step


def test_a_carer_who_does_not_engage_gets_a_step():
    doc = with_answer(excluded(), "carers.father.non_engagement", "present")
    (step,) = score(doc).wider_family
    assert step.startswith("The father, a carer who does not engage")


def test_another_adult_is_named_by_their_relation():
    doc = excluded()
    doc["carers"]["other_adult"] = {"relation": "maternal grandmother"}
    steps = score(doc).wider_family
    assert any(s.startswith("The maternal grandmother (other adult), a carer not yet confirmed")
               for s in steps)


def test_named_family_are_asked_about_what_is_open_for_each_carer():
    doc = with_answer(excluded(), "carers.mother.substance_use", "absent", "carer_account")
    doc = with_values(doc, wider_family=[{"relation": "maternal aunt", "contact": "not_yet",
                                          "note": "raised concerns before"}])
    (step,) = score(doc).wider_family
    assert step.startswith("Maternal aunt (raised concerns before), family named in the answers")
    assert "the mother's drinking or drug use" in step
    assert "the father's drinking" not in step
    assert REFUSED in step


def test_family_already_engaged_need_no_step_and_refusal_is_noted():
    doc = with_values(excluded(), wider_family=[
        {"relation": "grandfather", "contact": "made"},
        {"relation": "grandmother", "contact": "refused"},
    ])
    (step,) = score(doc).wider_family
    assert step.startswith("Grandmother") and "Contact has already been refused." in step


def test_wider_family_not_engaged_without_names_asks_the_carers_to_name_them():
    doc = with_answer(excluded(), "information.wider_family_not_engaged", "present")
    (step,) = score(doc).wider_family
    assert "ask the carers to name their wider family" in step


def test_infant_1s_wider_family_are_asked_about_the_mothers_drinking():
    steps = score(fixture_doc("infant-1-before-harm.yml")).wider_family
    aunt = next(s for s in steps if s.startswith("Maternal aunt"))
    assert "the mother's drinking or drug use" in aunt
    assert any(s.startswith("The father, a carer not yet confirmed as seen") for s in steps)
