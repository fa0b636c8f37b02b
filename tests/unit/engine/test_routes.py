"""Each route rule (docs/ROUTES.md), and the partnership's routes file."""

import re
from pathlib import Path

import pytest

from kbs.catalogues import CatalogueError
from kbs.engine import load_routes, score
from kbs.engine.routes_config import DEFAULT_ROUTES_FILE, ROUTES_ENV
from kbs.engine.rules import ROUTE_IDS

from .builders import excluded, with_answer, with_values

ENGINE_DIR = Path(__file__).resolve().parents[3] / "kbs" / "engine"
CATALOGUES_DIR = ENGINE_DIR.parent / "catalogues"
PHONE = re.compile(r"\b0\d{3}\s?\d{3}\s?\d{3,4}\b|\b999\b")


def routes_for(*changes):
    doc = excluded()
    for path, status in changes:
        doc = with_answer(doc, path, status)
    return score(doc).routes


def test_universal_messages_are_always_given():
    assert routes_for() == ("universal_messages",)
    assert "universal_messages" in score(with_values(
        excluded(), judgement={"immediate_danger": True})).routes


@pytest.mark.parametrize("level,routes", [
    (2, {"early_help_assessment"}),
    (3, {"childrens_social_care_referral", "safeguarding_lead_consult",
         "supervision_discussion"}),
    (4, {"childrens_social_care_referral", "strategy_discussion",
         "safeguarding_lead_consult", "supervision_discussion"}),
])
def test_each_level_brings_its_routes(level, routes):
    profile = score(with_values(excluded(), judgement={"level": level, "note": "test"}))
    assert profile.level == level
    assert set(profile.routes) == routes | {"universal_messages"}


@pytest.mark.parametrize("changes,route", [
    ([("care.unsafe_sleep", "present")], "safer_sleep_plan"),
    ([("care.unsafe_sleep", "unknown")], "safer_sleep_plan"),
    ([("household.routine_disruption", "present")], "safer_sleep_plan"),
    ([("carers.father.icon_not_discussed", "present")], "safe_handling_plan"),
    ([("carers.father.icon_not_discussed", "unknown")], "safe_handling_plan"),
    ([("carers.mother.no_crying_plan", "present")], "safe_handling_plan"),
    ([("carers.mother.unsafe_handling", "present")], "safe_handling_plan"),
    ([("infant.health_condition", "present")], "safe_handling_plan"),
    ([("infant.excessive_crying", "present")], "safe_handling_plan"),
    ([("information.wider_family_not_engaged", "present")], "wider_family_engagement"),
    ([("carers.father.unknown_to_practitioners", "present")], "wider_family_engagement"),
    ([("information.information_not_shared", "present")], "information_sharing"),
    ([("information.contrasting_views", "present")], "information_sharing"),
    ([("information.contrasting_views", "present")], "professionals_meeting"),
    ([("information.contrasting_views", "present")], "escalation_policy"),
    ([("carers.mother.minimisation", "present")], "professionals_meeting"),
    ([("information.not_in_supervision", "present")], "supervision_discussion"),
    ([("carers.father.non_engagement", "present")], "supervision_discussion"),
    ([("carers.father.non_engagement", "present")], "safeguarding_lead_consult"),
])
def test_each_answer_rule_adds_its_route(changes, route):
    assert route in routes_for(*changes)
    assert score(excluded()).routes == ("universal_messages",)


def test_routes_come_in_the_order_of_urgency():
    doc = with_values(excluded(), judgement={"immediate_danger": True})
    doc = with_answer(doc, "information.contrasting_views", "present")
    routes = score(doc).routes
    assert list(routes) == sorted(routes, key=ROUTE_IDS.index)
    assert routes[0] == "emergency_999" and routes[-1] == "universal_messages"


def test_wider_family_not_yet_contacted_adds_engagement():
    doc = with_values(excluded(), wider_family=[{"relation": "aunt", "contact": "not_yet"}])
    assert "wider_family_engagement" in score(doc).routes
    doc = with_values(excluded(), wider_family=[{"relation": "aunt", "contact": "made"}])
    assert "wider_family_engagement" not in score(doc).routes


# The routes file.

def test_the_default_routes_file_describes_every_route():
    config = load_routes()
    assert config.file == DEFAULT_ROUTES_FILE
    assert set(config.routes) == set(ROUTE_IDS)
    assert "Starting Point" in config.routes["childrens_social_care_referral"].contact


def test_kbs_routes_file_chooses_another_partnership(tmp_path, monkeypatch):
    other = tmp_path / "elsewhere.yml"
    other.write_text(DEFAULT_ROUTES_FILE.read_text(encoding="utf-8").replace(
        "partnership: Derby and Derbyshire Safeguarding Children Partnership (DDSCP)",
        "partnership: Elsewhere Partnership"), encoding="utf-8")
    monkeypatch.setenv(ROUTES_ENV, str(other))
    assert load_routes().partnership == "Elsewhere Partnership"


@pytest.mark.parametrize("edit,expected", [
    (lambda t: t.replace("  marac_referral:\n", "  marac_referal:\n"),
     "field 'routes.marac_referal' is not a known field"),
    (lambda t: re.sub(r"\n  universal_messages:(\n    .*)*", "\n", t),
     "field 'routes.universal_messages' is missing"),
    (lambda t: t.replace("    contact: Call 999", "    telephone: Call 999"),
     "field 'routes.emergency_999.telephone' is not a known field"),
    (lambda t: t.replace("partnership: Derby", "partnership:\n  - Derby"),
     "field 'partnership' must be non-empty text"),
    (lambda t: t + "\n  : [", "is not valid YAML, column"),
])
def test_a_malformed_routes_file_names_the_file_and_field(tmp_path, monkeypatch, edit, expected):
    broken = tmp_path / "broken-routes.yml"
    broken.write_text(edit(DEFAULT_ROUTES_FILE.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setenv(ROUTES_ENV, str(broken))
    with pytest.raises(CatalogueError) as caught:
        load_routes()
    assert str(caught.value).startswith(str(broken))
    assert expected in str(caught.value)


def test_a_missing_routes_file_says_which_variable_chose_it(tmp_path, monkeypatch):
    monkeypatch.setenv(ROUTES_ENV, str(tmp_path / "nowhere.yml"))
    with pytest.raises(CatalogueError,
                       match=f"nowhere.yml: the document cannot be read .*{ROUTES_ENV}"):
        load_routes()


def test_phone_numbers_live_only_in_routes_files():
    files = [*ENGINE_DIR.glob("*.py"), *CATALOGUES_DIR.glob("*.yml")]
    assert files
    for path in files:
        assert not PHONE.search(path.read_text(encoding="utf-8")), path
    assert PHONE.search(DEFAULT_ROUTES_FILE.read_text(encoding="utf-8"))
