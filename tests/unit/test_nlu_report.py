"""Reading `rasa test nlu`'s intent report into per-intent F1 and macro-F1."""

import json

import pytest

from kbs.ops.nlu_report import intent_scores, macro_f1, report_table


def test_scores_cover_the_intents_the_test_data_holds(tmp_path):
    report = tmp_path / "intent_report.json"
    row = {"precision": 0.9, "recall": 0.8, "f1-score": 0.85, "support": 10,
           "confused_with": {}}
    report.write_text(json.dumps({
        "move_reflection": row, "finish": {**row, "f1-score": 0.95},
        "greet": {**row, "precision": 0.0, "f1-score": 0.0, "support": 0},  # only predicted
        "accuracy": 0.9, "macro avg": row, "weighted avg": row}))
    scores = intent_scores(report)
    assert [s.intent for s in scores] == ["finish", "move_reflection"]
    assert macro_f1(scores) == pytest.approx(0.9)
    table = report_table(scores)
    assert table.splitlines()[0].split() == ["intent", "precision", "recall", "f1", "support"]
    assert "move_reflection       0.90    0.80   0.85       10" in table
