import re

import pytest
import yaml

from kbs.catalogues import CatalogueError
from kbs.knowledge.cards import KNOWLEDGE_DIR, load_card, load_cards
from kbs.paths import ROOT

SHARED = ROOT.parent / "shared"
DOMAIN = SHARED / "docs" / "DOMAIN.md"
REVIEW = SHARED / "seed" / "review-LDS19-OD20.txt"

REQUIRED_TOPICS = {
    "sleep_sofa_armchair", "sleep_alcohol", "sleep_drugs_medication", "sleep_smoking",
    "sleep_preterm", "sleep_low_birth_weight", "sleep_modifiable_risks", "icon_crying",
    "bruising_non_mobile", "fragile_baby_handling", "levels_of_need", "marac_referral",
    "dash_risk_checklist", "early_help", "child_in_need", "strategy_discussion",
    "pre_birth_protocol", "professionals_meeting", "escalation_policy",
    "professional_curiosity", "professional_scepticism", "disguised_compliance", "unseen_men",
    "engaging_fathers", "out_of_routine", "wider_family_engagement", "supervision",
}

VALID = {
    "id": "example_card",
    "title": "Is this an example?",
    "answer": "Yes.",
    "next_steps": ["Read it."],
    "sources": [{"title": "Review LDS19/OD20", "reference": "section 4.1"}],
    "tags": ["example"],
    "questions": ["Is it an example?"],
}

CARDS = load_cards()


def write_card(tmp_path, doc, name="example_card.yml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def test_there_are_at_least_thirty_cards_covering_the_required_topics():
    ids = {card.id for card in CARDS}
    assert len(CARDS) >= 30
    assert ids >= REQUIRED_TOPICS


@pytest.mark.parametrize("card", CARDS, ids=lambda card: card.id)
def test_every_card_names_its_sources(card):
    assert card.sources
    for source in card.sources:
        assert source.title.strip()
        assert (source.url or "").strip() or (source.reference or "").strip()


@pytest.mark.parametrize("card", CARDS, ids=lambda card: card.id)
def test_every_card_has_example_questions_for_retrieval_training(card):
    assert len(card.questions) >= 3
    assert card.title not in card.questions


@pytest.mark.skipif(not DOMAIN.exists(), reason="shared/docs/DOMAIN.md not beside the checkout")
def test_every_web_source_is_one_named_in_domain_md():
    domain = DOMAIN.read_text(encoding="utf-8")
    unknown = [(c.id, s.url) for c in CARDS for s in c.sources if s.url and s.url not in domain]
    assert not unknown


@pytest.mark.skipif(not REVIEW.exists(), reason="shared/seed review not beside the checkout")
def test_review_citations_name_sections_that_exist():
    review = REVIEW.read_text(encoding="utf-8")
    for card in CARDS:
        for source in card.sources:
            if "LDS19" not in source.title:
                continue
            assert source.reference and source.reference.startswith("section"), card.id
            for number in re.findall(r"\d+\.\d+|\b\d\b", source.reference):
                section = re.compile(rf"(^|\s){re.escape(number)}\.?\s", re.M)
                assert section.search(review), (card.id, number)


def test_cards_hold_no_phone_numbers():
    for path in KNOWLEDGE_DIR.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b0\d{2,4}[\s-]?\d{3}[\s-]?\d{3,4}\b", text), path.name


def test_never_circumstance_cards_do_not_reassure():
    by_id = {card.id: card for card in CARDS}
    for card_id in ("sleep_sofa_armchair", "sleep_alcohol", "sleep_drugs_medication",
                    "sleep_smoking", "sleep_preterm", "sleep_low_birth_weight"):
        assert by_id[card_id].answer.startswith("No"), card_id
        assert '"never"' in by_id[card_id].answer, card_id


def test_a_valid_card_loads(tmp_path):
    card = load_card(write_card(tmp_path, VALID))
    assert card.id == "example_card"
    assert card.sources[0].cite() == "Review LDS19/OD20, section 4.1"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sources": []}, "sources"),
        ({"sources": None}, "sources"),
        ({"sources": [{"title": "No address"}]}, "sources[0]"),
        ({"sources": [{"title": "", "url": "https://example.org"}]}, "sources[0].title"),
        ({"sources": [{"title": "Bad", "url": "example.org"}]}, "sources[0].url"),
        ({"sources": [{"title": "NICE [2021]", "url": "https://example.org"}]},
         "sources[0].title"),
        ({"sources": [{"title": "Typo", "link": "https://example.org"}]}, "sources[0]"),
        ({"title": "Not a question"}, "title"),
        ({"answer": "  "}, "answer"),
        ({"next_steps": ["Do this.", 3]}, "next_steps[1]"),
        ({"id": "other_card"}, "id"),
        ({"id": "Bad Id"}, "id"),
        ({"source": []}, "source"),
    ],
)
def test_a_malformed_card_is_an_error_naming_the_file_and_field(tmp_path, change, field):
    path = write_card(tmp_path, {**VALID, **change})
    with pytest.raises(CatalogueError) as err:
        load_card(path)
    assert str(path) in str(err.value)
    assert field in str(err.value)


def test_a_missing_field_is_named(tmp_path):
    doc = {key: value for key, value in VALID.items() if key != "questions"}
    with pytest.raises(CatalogueError,
                       match=r"example_card\.yml, line \d+: field 'questions' is missing"):
        load_card(write_card(tmp_path, doc))


def test_unreadable_yaml_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="broken.yml"):
        load_card(path)


def test_one_bad_card_stops_the_whole_load(tmp_path):
    write_card(tmp_path, VALID)
    write_card(tmp_path, {**VALID, "id": "second", "sources": []}, name="second.yml")
    with pytest.raises(CatalogueError, match="second.yml"):
        load_cards(tmp_path)


def test_the_carer_mental_health_card_gives_the_urgent_route_first():
    card = next(card for card in CARDS if card.id == "carer_mental_health")
    urgent = card.answer.split(". ")[0]
    for said in ("suicidal thoughts", "thoughts of harming the baby", "psychosis"):
        assert said in urgent
    for route in ("Call 999", "A&E", "local mental health crisis team",
                  "NHS 111's mental health option (option 2"):
        assert route in card.answer
    assert "999" in card.next_steps[0] and "NHS 111" in card.next_steps[0]
    assert any("NHS 111" in source.title for source in card.sources)
    assert any(source.url and "surreyscp" in source.url for source in card.sources)


def test_the_crying_card_says_when_to_seek_medical_advice():
    card = next(card for card in CARDS if card.id == "icon_crying")
    assert "seek medical advice (the GP, or NHS 111) if the baby seems unwell" in card.answer
    for sign in ("the crying sounds different", "a fever", "not feeding", "call 999"):
        assert sign in card.answer
    assert "seek medical advice" in card.next_steps[0]
    assert any(source.url == "https://www.rscp.org.uk/homepage/47/infant-crying-and-how-to-cope-icon"
               for source in card.sources)


def test_the_alcohol_card_agrees_with_discuss_any_alcohol_day_or_night():
    card = next(card for card in CARDS if card.id == "sleep_alcohol")
    assert "the Lullaby Trust advises never sharing a sleep surface after any alcohol" in \
        card.answer
    assert "any alcohol, any amount, by day or by night" in card.answer
