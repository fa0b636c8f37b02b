from kbs.measure import evaluation
from kbs.measure.nlu_results import Confusion, LabelScore, NluResult


def result(f1s, entity_f1=None):
    intents = [LabelScore(name, f1, f1, f1, 10) for name, f1 in f1s.items()]
    return NluResult(intents, [Confusion("help", "answer", 2)], {}, entity_f1 or {}, None, 0.9)


def test_held_out_macro_f1_must_reach_the_target_and_the_baseline():
    checks = evaluation.checks({"ours": result({"a": 0.95, "b": 0.93}),
                                "baseline": result({"a": 0.90, "b": 0.90})})
    assert [c.verdict for c in checks] == ["met", "met"]
    checks = evaluation.checks({"ours": result({"a": 0.95, "b": 0.85}),
                                "baseline": result({"a": 0.96, "b": 0.95})})
    assert [c.verdict for c in checks] == ["MISSED", "MISSED"]
    assert "baseline 0.955" in checks[1].line()


def test_a_missing_response_selector_is_said_plainly(tmp_path):
    config = tmp_path / "config.yml"
    config.write_text("pipeline:\n  - name: DIETClassifier\n")
    assert "No ResponseSelector" in evaluation.response_selector_note(config)
    config.write_text("pipeline:\n  - name: ResponseSelector\n")
    assert evaluation.response_selector_note(config) is None


def test_figures_name_each_model_and_extractor():
    found = evaluation.figures(
        {"ours": result({"a": 1.0}, {"SpacyEntityExtractor": 0.9}),
         "baseline": result({"a": 0.5})},
        {"ours": result({"a": 0.8}), "baseline": result({"a": 0.7})})
    assert found == {"held_out_macro_f1_ours": 1.0,
                     "held_out_entity_f1_ours_SpacyEntityExtractor": 0.9,
                     "held_out_macro_f1_baseline": 0.5,
                     "cv_macro_f1_ours": 0.8, "cv_macro_f1_baseline": 0.7}


def test_the_report_and_summary_show_figures_beside_targets_and_baseline(tmp_path):
    held = {"ours": result({"greet": 0.9, "help": 0.8}, {"SpacyEntityExtractor": 0.95}),
            "baseline": result({"greet": 0.85, "help": 0.9})}
    checks = evaluation.checks(held)
    data = {"stem": "eval-x", "commit": "abc", "dirty": False, "model": "kbs-1.tar.gz",
            "configs": {"ours": "config.yml", "baseline": "tests/eval/baseline-config.yml"},
            "folds": None, "timings": {"total": 10.0}, "notes": ["a note"],
            "machine": {"cpu": {"busy": False, "others_share": 0.05, "cores": 2}},
            "held_out": {k: v.as_dict() for k, v in held.items()}, "cross_validation": {},
            "checks": [c.as_dict() for c in checks], "entity_misses": [],
            "changes_since_last": [], "report_files": [str(tmp_path / "r.md")]}
    text = evaluation.render(data, held, {}, checks)
    assert "held-out intent macro-F1: 0.850  (target >= 0.920: MISSED" in text
    assert "| help | 10 | 0.800 | 0.800 | 0.800 | 0.900 |" in text
    assert "help -> answer (2)" in text
    summary = evaluation.summary(data)
    assert "intent macro-F1      0.850 / 0.875" in summary
    assert "SpacyEntityExtractor 0.950" in summary
    assert "Note: a note" in summary


def test_figures_hold_the_cold_training_times_and_the_knowledge_searchs_top1():
    found = evaluation.figures({"ours": result({"a": 1.0}), "baseline": result({"a": 0.5})}, {},
                               {"ours": 95.0, "baseline": 900.0}, 0.85)
    assert found["cold_nlu_training_seconds_ours"] == 95.0
    assert found["cold_nlu_training_seconds_baseline"] == 900.0
    assert found["held_out_knowledge_search_top1"] == 0.85


def test_the_report_and_summary_give_each_pipelines_training_time_beside_its_f1(tmp_path):
    held = {"ours": result({"greet": 0.9, "help": 0.8}),
            "baseline": result({"greet": 0.85, "help": 0.9})}
    cross = {"ours": result({"greet": 0.7, "help": 0.7}),
             "baseline": result({"greet": 0.6, "help": 0.6})}
    checks = evaluation.checks(held)
    data = {"stem": "eval-x", "commit": "abc", "dirty": False,
            "configs": {"ours": "config.yml", "baseline": "tests/eval/baseline-config.yml"},
            "folds": 5, "timings": {"total": 10.0}, "notes": [],
            "training_seconds": {"ours": 96.4, "baseline": 912.0},
            "knowledge_search_top1": 0.851,
            "machine": {"cpu": {"busy": False, "others_share": 0.05, "cores": 2}},
            "held_out": {k: v.as_dict() for k, v in held.items()},
            "cross_validation": {k: v.as_dict() for k, v in cross.items()},
            "checks": [c.as_dict() for c in checks], "entity_misses": [],
            "changes_since_last": [], "report_files": [str(tmp_path / "r.md")]}
    text = evaluation.render(data, held, cross, checks)
    assert "| ours | `config.yml` | 96 | 0.850 | 0.700 |" in text
    assert "| baseline | `tests/eval/baseline-config.yml` | 912 | 0.875 | 0.600 |" in text
    assert "knowledge search's top-1 on the held-out questions 0.851" in text
    summary = evaluation.summary(data)
    assert "cold NLU training    96 s / 912 s" in summary
    assert "Look up card (knowledge search top-1) 0.851" in summary
