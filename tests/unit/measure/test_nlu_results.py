import json

import pytest

from kbs.measure import nlu_results

INTENTS = {
    "greet": {"precision": 1.0, "recall": 0.8, "f1-score": 0.889, "support": 5,
              "confused_with": {"help": 1}},
    "help": {"precision": 0.75, "recall": 1.0, "f1-score": 0.857, "support": 3,
             "confused_with": {}},
    "answer": {"precision": 0.9, "recall": 0.6, "f1-score": 0.72, "support": 10,
               "confused_with": {"greet": 3, "help": 1}},
    "nlu_fallback": {"precision": 0.0, "recall": 0.0, "f1-score": 0.0, "support": 0},
    "accuracy": 0.8,
    "macro avg": {"precision": 0.6, "recall": 0.6, "f1-score": 0.6, "support": 18},
    "weighted avg": {"precision": 0.8, "recall": 0.8, "f1-score": 0.8, "support": 18},
}


def write(folder, name, data):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(data))


def test_macro_f1_averages_only_intents_with_test_examples(tmp_path):
    write(tmp_path, "intent_report.json", INTENTS)
    result = nlu_results.read(tmp_path)
    assert [s.label for s in result.intents] == ["answer", "greet", "help"]
    assert result.macro_f1 == pytest.approx((0.889 + 0.857 + 0.72) / 3)
    assert result.accuracy == 0.8
    assert result.worst(1)[0].label == "answer"


def test_most_confused_pairs_come_first(tmp_path):
    write(tmp_path, "intent_report.json", INTENTS)
    pairs = nlu_results.read(tmp_path).most_confused()
    assert [(c.expected, c.predicted, c.count) for c in pairs] == [
        ("answer", "greet", 3), ("answer", "help", 1), ("greet", "help", 1)]


def test_entity_and_response_reports_are_read_when_rasa_wrote_them(tmp_path):
    write(tmp_path, "intent_report.json", INTENTS)
    write(tmp_path, "DIETClassifier_report.json", {
        "relation": {"precision": 1.0, "recall": 0.5, "f1-score": 0.667, "support": 4},
        "micro avg": {"precision": 1.0, "recall": 0.5, "f1-score": 0.667, "support": 4}})
    write(tmp_path, "response_selection_report.json", {"accuracy": 0.75})
    result = nlu_results.read(tmp_path)
    assert result.entity_f1 == {"DIETClassifier": 0.667}
    assert [s.label for s in result.entities["DIETClassifier"]] == ["relation"]
    assert result.response_accuracy == 0.75
    assert result.as_dict()["response_selection_accuracy"] == 0.75


def test_no_entity_or_response_report_means_none_scored(tmp_path):
    write(tmp_path, "intent_report.json", INTENTS)
    result = nlu_results.read(tmp_path)
    assert result.entity_f1 == {}
    assert result.response_accuracy is None


def test_a_missing_intent_report_is_a_clear_error(tmp_path):
    with pytest.raises(nlu_results.MissingReport, match="no intent_report.json"):
        nlu_results.read(tmp_path)
