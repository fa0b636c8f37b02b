"""The review's three infants (facts as known before harm) and the two invented families."""

from kbs.engine import score

from .builders import fixture_doc


def test_infant_1():
    profile = score(fixture_doc("infant-1-before-harm.yml"))
    assert profile.level >= 3
    assert "intoxicated_care" in profile.red_flags
    assert profile.hidden_risk
    drinking = "carers.mother.substance_use"
    assert drinking in profile.open_factors or drinking in profile.uncorroborated
    assert "wider_family_engagement" in profile.routes
    assert "stress x response" in profile.reasons["level"]


def test_infant_2_before_the_injuries():
    profile = score(fixture_doc("infant-2-before-injury.yml"))
    assert profile.level >= 3
    assert {"safe_handling_plan", "information_sharing"} <= set(profile.routes)
    assert "non_mobile_injury" not in profile.red_flags
    assert profile.hidden_risk_factors == ("carers.father.non_engagement",)
    assert "infant.feeding_or_growth" in profile.possibly_externally_caused


def test_infant_2_after_the_fractures_were_found():
    profile = score(fixture_doc("infant-2-after-fractures.yml"))
    assert "non_mobile_injury" in profile.red_flags
    assert {"urgent_paediatric_assessment", "childrens_social_care_referral"} <= set(
        profile.routes)


def test_infant_3():
    profile = score(fixture_doc("infant-3-before-injury.yml"))
    assert "high_risk_domestic_abuse" not in profile.red_flags
    assert "marac_referral" in profile.routes_to_consider
    assert "professional judgement" in profile.reasons["routes.marac_referral"]
    assert "infant.feeding_or_growth" in profile.possibly_externally_caused
    assert "externally caused" in profile.reasons["infant.feeding_or_growth"]


def test_a_family_excluded_on_evidence():
    profile = score(fixture_doc("all-excluded.yml"))
    assert (profile.level, profile.routes, profile.red_flags) == (1, ("universal_messages",), ())


def test_the_same_family_all_unknown():
    profile = score(fixture_doc("all-unknown.yml"))
    assert profile.level != 1 and profile.complete is False


def test_the_excluded_family_covers_every_catalogue_factor():
    doc = fixture_doc("all-excluded.yml")
    profile = score(doc)
    assert profile.unknown_factors == ()
    assert set(doc["carers"]) == {"mother", "father"}
    sources = {e["source"] for e in doc["factors"].values()} | {
        e["source"] for c in doc["carers"].values() for e in c.values() if isinstance(e, dict)}
    assert sources <= {"observed", "professional"}
