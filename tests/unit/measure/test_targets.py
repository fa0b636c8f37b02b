import math

from kbs.measure.targets import MET, MISSED, NOT_MEASURED, Check


def test_upper_and_lower_bounds():
    assert Check("p95", 250.0, "<=", 300.0, " ms").verdict == MET
    assert Check("p95", 300.0, "<=", 300.0, " ms").verdict == MET
    assert Check("p95", 301.0, "<=", 300.0, " ms").verdict == MISSED
    assert Check("macro-F1", 0.95, ">=", 0.92).verdict == MET
    assert Check("macro-F1", 0.90, ">=", 0.92).verdict == MISSED


def test_a_missed_target_says_by_how_much():
    check = Check("p95 turn latency", 450.0, "<=", 300.0, " ms")
    assert check.shortfall() == "missed by 150 ms (50%)"
    line = check.line()
    assert line.startswith("p95 turn latency: 450 ms")
    assert "target <= 300 ms: MISSED, missed by 150 ms (50%)" in line


def test_a_met_target_has_no_shortfall_and_the_line_shows_the_target():
    check = Check("macro-F1", 0.95, ">=", 0.92, note="(baseline 0.90)")
    assert check.shortfall() == ""
    assert check.line() == "macro-F1: 0.950  (target >= 0.920: met)  (baseline 0.90)"


def test_missing_figures_are_not_measured_rather_than_missed():
    assert Check("cached retrain", None, "<=", 20.0).verdict == NOT_MEASURED
    assert Check("floor", 10.0, "<=", math.nan).verdict == NOT_MEASURED
    assert "not measured" in Check("cached retrain", None, "<=", 20.0, " s").line()


def test_as_dict_carries_the_verdict():
    data = Check("errors", 0.0, "<=", 0.0).as_dict()
    assert data == {"name": "errors", "value": 0.0, "op": "<=", "limit": 0.0, "unit": "",
                    "verdict": MET, "note": ""}
