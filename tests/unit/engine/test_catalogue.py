"""The factor catalogue covers the spec, and a malformed catalogue is a clear error."""

import re

import pytest

from kbs.catalogues import CatalogueError
from kbs.engine.catalogue import FACTORS_FILE, load_catalogue

# The factors docs/PROFILE-FORMAT.md names (the contract: never renamed or dropped).
SPEC_FACTORS = {
    "infant": ["preterm", "low_birth_weight", "neonatal_care", "health_condition",
               "feeding_or_growth", "injury_or_bruise", "repeat_presentations",
               "excessive_crying"],
    "household": ["large_family", "sibling_needs", "material_hardship", "poor_home_conditions",
                  "carer_physical_health", "loss_or_bereavement", "routine_disruption",
                  "isolation", "neglect_indicators", "multiagency_pressure"],
    "carer": ["unknown_to_practitioners", "non_engagement", "mental_health", "substance_use",
              "harmful_stress_response", "domestic_abuse", "minimisation", "unsafe_handling",
              "icon_not_discussed", "no_crying_plan"],
    "care": ["unsafe_sleep", "protective_role_unclear"],
    "information": ["uncorroborated_account", "wider_family_not_engaged",
                    "information_not_shared", "contrasting_views", "limited_contact",
                    "not_in_supervision"],
}
CITATION = re.compile(r"review \d|NICE|ICON|Panel|NSPCC|SafeLives|Out of Routine")


@pytest.mark.parametrize("domain,factor_id",
                         [(d, f) for d, ids in SPEC_FACTORS.items() for f in ids])
def test_every_spec_factor_is_in_the_catalogue(domain, factor_id):
    assert load_catalogue().factor(domain, factor_id) is not None


@pytest.mark.parametrize("factor", load_catalogue().factors, ids=lambda f: f.path("role"))
def test_every_factor_can_be_asked_and_explained(factor):
    assert factor.question.endswith("?")
    assert CITATION.search(factor.rationale), "the rationale cites the review or a source"
    assert set(factor.options) == {"present", "absent", "unknown"}


def test_exactly_the_four_spec_factors_need_corroboration():
    needing = {f.id for f in load_catalogue().factors if f.has("needs_corroboration")}
    assert needing == {"substance_use", "mental_health", "domestic_abuse",
                       "harmful_stress_response"}
    assert all(load_catalogue().factor("carer", f).corroborate for f in needing)


def test_preterm_and_low_birth_weight_follow_from_the_infant_block():
    catalogue = load_catalogue()
    assert catalogue.factor("infant", "preterm").derived.source == "gestation_weeks"
    assert catalogue.factor("infant", "low_birth_weight").derived.source == "birth_weight_kg"


def test_paths_resolve_back_to_their_factor():
    catalogue = load_catalogue()
    assert catalogue.for_path("carers.other_adult_2.minimisation").id == "minimisation"
    assert catalogue.for_path("infant.preterm").domain == "infant"


def test_a_malformed_catalogue_names_the_file_and_field(tmp_path):
    broken = tmp_path / "factors.yml"
    text = FACTORS_FILE.read_text(encoding="utf-8")
    broken.write_text(text.replace("weight: 3\n", "weight: heavy\n", 1), encoding="utf-8")
    with pytest.raises(CatalogueError,
                       match=r"factors\.yml, line \d+: field 'factors\.\w+\.\w+\.weight' must be"):
        load_catalogue(broken)


def test_a_needs_corroboration_factor_without_how_to_corroborate_is_refused(tmp_path):
    broken = tmp_path / "factors.yml"
    text = FACTORS_FILE.read_text(encoding="utf-8")
    broken.write_text(re.sub(r"\n      corroborate: [^\n]*", "", text, count=1), encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"factors\.yml, line \d+: field "
                       r"'factors\.carer\.mental_health\.corroborate' is required"):
        load_catalogue(broken)
