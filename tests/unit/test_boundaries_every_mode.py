"""One threshold, one answer in every mode (issue 15): preterm is 37+0 weeks or less, low
birth weight 2.5 kg or less, under six months 26 weeks old or less (factors.yml, the one
source of truth; where sources differ the safer is taken and the file says so).

``BOUNDARIES`` is the table: each row a factor, the infant-block answer it follows from,
the value on either side of and at the boundary, the words a practitioner types for it, and
the status every mode must give. Other modes' tests reuse it (import BOUNDARIES)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pytest

from kbs.assessment import answering, interpret, record, steps
from kbs.assessment.vocabulary import load_vocabulary
from kbs.engine import parse_answers, score
from kbs.engine.catalogue import derived_from_infant, load_catalogue
from kbs.knowledge.cards import load_cards
from kbs.safer_practice import handling
from kbs.safer_practice.answers import YES
from kbs.safer_practice.handling import handling_catalogue
from kbs.safer_practice.reading import Message, read_handling, read_sleep
from kbs.safer_practice.sleep import sleep_catalogue

from .entities import entities_of


class Boundary(NamedTuple):
    path: str  # the factor: infant.preterm
    field: str  # the infant-block answer it follows from: gestation_weeks
    value: float  # as the infant block gives it
    said: str  # as a practitioner types it
    status: str  # present | absent, in every mode


BOUNDARIES = [
    Boundary("infant.preterm", "gestation_weeks", 36 + 6 / 7, "born at 36+6", "present"),
    Boundary("infant.preterm", "gestation_weeks", 37, "born at 37+0", "present"),
    Boundary("infant.preterm", "gestation_weeks", 37 + 1 / 7, "born at 37+1", "absent"),
    Boundary("infant.low_birth_weight", "birth_weight_kg", 2.49, "2.49 kilos", "present"),
    Boundary("infant.low_birth_weight", "birth_weight_kg", 2.5, "2.5 kilos", "present"),
    Boundary("infant.low_birth_weight", "birth_weight_kg", 2.51, "2.51 kilos", "absent"),
    Boundary("infant.under_six_months", "age_weeks", 25, "she's 25 weeks", "present"),
    Boundary("infant.under_six_months", "age_weeks", 26, "she's 26 weeks", "present"),
    Boundary("infant.under_six_months", "age_weeks", 27, "she's 27 weeks", "absent"),
]
IDS = [row.said for row in BOUNDARIES]



def engine_status(row: Boundary) -> str:
    """The engine scoring an infant block (kbs.engine.score, as `kbs score` does)."""
    profile = score({"infant": {row.field: row.value}})
    if row.path in profile.vulnerabilities:
        return "present"
    return "unknown" if row.path in profile.unknown_factors else "absent"


def catalogue_status(row: Boundary) -> str:
    """The catalogue's rule as Discuss applies it (kbs.engine.catalogue.derived_from_infant)."""
    return derived_from_infant({row.field: row.value})[row.path]


def assess_status(row: Boundary, nlp) -> str:
    """The Assess mode given the typed answer to the question about ``row.field``: read
    once, applied, and the saved document scored."""
    said = interpret.read_message(row.said, entities_of(nlp, row.said), load_vocabulary())
    doc = record.new_answers(date.today())
    applied = answering.apply_answer(steps.step_for(doc, f"infant.{row.field}"), said, doc)
    assert applied.doc is not None, [m.text for m in applied.messages]
    return parse_answers(applied.doc).entry(row.path).status


def test_the_table_covers_each_threshold_on_both_sides():
    thresholds = {f.path() for f in load_catalogue().factors
                  if f.derived and f.derived.threshold}
    assert {row.path for row in BOUNDARIES} == thresholds
    for path in thresholds:
        assert {row.status for row in BOUNDARIES if row.path == path} == {"present", "absent"}


@pytest.mark.parametrize("row", BOUNDARIES, ids=IDS)
def test_the_engine_gives_the_status(row):
    assert engine_status(row) == row.status


@pytest.mark.parametrize("row", BOUNDARIES, ids=IDS)
def test_the_catalogue_rule_discuss_uses_gives_the_status(row):
    assert catalogue_status(row) == row.status


@pytest.mark.parametrize("row", BOUNDARIES, ids=IDS)
def test_assess_reading_the_typed_answer_gives_the_status(row, nlp):
    assert assess_status(row, nlp) == row.status


@pytest.mark.parametrize("path, wording", [
    ("infant.preterm", "37 weeks or less"),
    ("infant.low_birth_weight", "2.5 kg or less"),
    ("infant.under_six_months", "26 weeks or younger"),
])
def test_labels_questions_and_options_say_the_same_threshold(path, wording):
    factor = load_catalogue().for_path(path)
    assert wording in factor.label.lower() or wording in factor.question.lower()
    assert wording in factor.options["present"]


def discuss_status(row: Boundary) -> str:
    """The Discuss mode given the typed words: the safer sleep question about gestation or
    birth weight answered "yes" (present) or "no" (absent); for the age, a mark on a baby
    the practitioner says is crawling: the non-mobile protocol (under six months, whatever
    is said of mobility) or the mobile-mark guidance."""
    if row.field == "age_weeks":
        text = f"{row.said} and crawling, there's a bruise on her leg"
        answers = {**read_handling(Message(text, "nlu_fallback"), ("mark", None),
                                   handling_catalogue()), "mobile": YES}
        return {"non_mobile_mark": "present", "mobile_mark": "absent"}[
            handling.protocol(answers)]
    asked = row.path.removeprefix("infant.")
    answer = read_sleep(Message(row.said, "nlu_fallback"), asked, sleep_catalogue())[asked]
    return {"yes": "present", "no": "absent"}[answer]


@pytest.mark.parametrize("row", BOUNDARIES, ids=IDS)
def test_discuss_reading_the_typed_words_gives_the_status(row):
    assert discuss_status(row) == row.status


# The cards state each threshold in the catalogue's words.
CARD_WORDING = [
    ("sleep_preterm", "37 weeks or less"),
    ("sleep_low_birth_weight", "2.5 kg (5½ lb) or less"),
    ("bruising_non_mobile", "26 weeks or younger"),
]


@pytest.mark.parametrize("card_id, wording", CARD_WORDING)
def test_the_cards_state_the_catalogues_thresholds(card_id, wording):
    card = {card.id: card for card in load_cards()}[card_id]
    assert wording in " ".join(card.answer.split())
