import json

from kbs.measure import history


def test_each_run_appends_one_line_and_the_last_of_a_kind_is_found(tmp_path):
    path = tmp_path / "results" / "history.jsonl"
    history.append(history.entry("eval", {"macro_f1": 0.90}), path)
    history.append(history.entry("bench", {"p95_ms": 250.0}), path)
    history.append(history.entry("eval", {"macro_f1": 0.93}), path)
    lines = path.read_text().splitlines()
    assert len(lines) == 3
    assert all(json.loads(line)["time"] for line in lines)
    assert history.previous("eval", path)["figures"] == {"macro_f1": 0.93}
    assert history.previous("bench", path)["figures"] == {"p95_ms": 250.0}
    assert history.previous("other", path) is None


def test_no_history_yet_and_damaged_lines_are_skipped(tmp_path):
    path = tmp_path / "history.jsonl"
    assert history.previous("eval", path) is None
    path.write_text('not json\n{"kind": "eval", "figures": {"a": 1}}\n[1, 2]\n')
    assert history.previous("eval", path)["figures"] == {"a": 1}


def test_changes_compare_each_figure_with_the_last_run():
    before = {"figures": {"p95_ms": 250.0, "errors": 0.0, "gone": 1.0, "empty": None}}
    lines = history.changes(before, {"p95_ms": 200.0, "errors": 0.0, "new": 5.0,
                                     "empty": 3.0})
    assert lines == ["p95_ms: 250 -> 200 (-50)", "errors: 0 -> 0 (+0)"]
    assert history.changes(None, {"p95_ms": 1.0}) == []


def test_an_entry_records_the_commit_measured():
    record = history.entry("bench", {}, report="results/bench/x.md")
    assert record["kind"] == "bench"
    assert "commit" in record and "dirty" in record
    assert record["report"] == "results/bench/x.md"
