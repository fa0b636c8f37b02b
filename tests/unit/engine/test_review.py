""""Review at each contact": open factors, stress points and vulnerabilities (review 9.4)."""

from kbs.engine import score

from .builders import excluded, fixture_doc, with_answer


def items_about(profile, path):
    return [item for item in profile.review_at_each_contact if f"({path})" in item]


def test_every_contact_confirms_the_adults_and_the_universal_messages():
    items = score(excluded()).review_at_each_contact
    assert items[0].startswith("Who lives in or regularly visits the household")
    assert items[1].startswith("Safer sleep")


def test_open_factors_stress_points_vulnerabilities_and_unknowns_are_reviewed():
    doc = with_answer(excluded(), "household.material_hardship", "present")
    doc = with_answer(doc, "carers.mother.mental_health", "absent", "carer_account")
    doc = with_answer(doc, "carers.father.substance_use", "unknown")
    profile = score(doc)
    (hardship,) = items_about(profile, "household.material_hardship")
    assert "present" in hardship and "stress point" in hardship
    assert "corroborate" in items_about(profile, "carers.mother.mental_health")[0]
    assert "not yet known" in items_about(profile, "carers.father.substance_use")[0]
    assert "vulnerability" in items_about(profile, "infant.under_six_months")[0]


def test_excluded_factors_are_not_reviewed():
    profile = score(fixture_doc("infant-3-before-injury.yml"))
    assert not items_about(profile, "carers.mother.substance_use")
    assert items_about(profile, "carers.mother.domestic_abuse")
