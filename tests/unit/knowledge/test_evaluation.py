import re

import pytest

from kbs.catalogues import CatalogueError
from kbs.knowledge.evaluation import (
    TOP1_TARGET,
    TOP3_TARGET,
    HeldOut,
    evaluate,
    read_heldout,
    read_unanswerable,
)

HELDOUT = read_heldout()
UNANSWERABLE = read_unanswerable()


def words(text):
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def test_the_evaluation_sets_are_big_enough():
    assert len(HELDOUT) >= 60
    assert len(UNANSWERABLE) >= 10


def test_held_out_questions_are_worded_differently_from_the_cards(kb):
    phrasings = [words(text) for card in kb.cards for text in (card.title, *card.questions)]
    for item in HELDOUT:
        asked = words(item.question)
        closest = max(len(asked & p) / len(asked | p) for p in phrasings)
        assert closest < 0.6, item.question


def test_held_out_accuracy_reaches_the_targets(kb):
    report = evaluate(kb, HELDOUT, UNANSWERABLE)
    misses = "\n".join(f"{m.question} -> {m.ranked} (want {m.expected})"
                       for m in report.top1_misses)
    assert report.top1 >= TOP1_TARGET, f"top-1 {report.top1:.3f}\n{misses}"
    assert report.top3 >= TOP3_TARGET, f"top-3 {report.top3:.3f}"


def test_no_unanswerable_question_gets_a_card(kb):
    report = evaluate(kb, HELDOUT, UNANSWERABLE)
    assert report.unanswerable_failures == ()


def test_the_report_counts_misses(kb):
    report = evaluate(kb, [HeldOut("when is domestic abuse high risk?", "dash_risk_checklist"),
                           HeldOut("when is domestic abuse high risk?", "supervision")], [])
    assert report.top1 == 0.5
    assert [m.expected for m in report.top1_misses] == ["supervision"]
    assert not report.passed


def test_a_held_out_question_naming_an_unknown_card_is_an_error(kb):
    with pytest.raises(CatalogueError, match="no_such_card"):
        evaluate(kb, [HeldOut("anything?", "no_such_card")], [])


def test_a_malformed_evaluation_file_is_an_error_naming_it(tmp_path):
    path = tmp_path / "heldout.yml"
    path.write_text("questions:\n  - {question: 'Only a question?'}\n", encoding="utf-8")
    with pytest.raises(CatalogueError,
                       match=r"heldout\.yml, line 2: field 'questions\[0\]\.card'"):
        read_heldout(path)
