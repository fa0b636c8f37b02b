import json
import time

import pytest

from kbs.measure import bench
from kbs.measure.load import Phase, TurnRecord
from kbs.measure.scripts import Script, Turn


def phase(count, pause, latencies, errors=0):
    records = [TurnRecord(1, "core", i, i * 0.1, ms) for i, ms in enumerate(latencies)]
    records += [TurnRecord(1, "core", 99, 1.0, 5000.0, "timeout") for _ in range(errors)]
    return Phase(f"{count} practitioners", count, pause, records, seconds=10.0,
                 planned_turns=len(records))


@pytest.fixture
def run(tmp_path):
    options = bench.BenchOptions(out=tmp_path / "bench", history_file=tmp_path / "h.jsonl")
    done = bench.BenchRun(options, say=lambda text: None)
    done.scripts = [Script("core", "core", (Turn("hello"),))]
    done.skipped = [("rehearse", "the rehearse mode is not in this checkout")]
    done.floor_ms = [20.0, 20.0, 20.0]
    done.phases = [phase(1, 1.0, [50.0, 70.0, 90.0]), phase(20, 1.0, [100.0] * 10 + [900.0] * 10),
                   phase(20, 0.0, [400.0] * 10, errors=1)]
    done.memory_peak = {"rasa": 1200 * bench.MB, "web": 100 * bench.MB}
    done.memory_end = dict(done.memory_peak)
    done.startup = {"action-server": 2.0, "web": 2.0, "rasa": 40.0}
    return done


def verdicts(done):
    return {c.name: c.verdict for c in bench.checks(done)}


def test_every_target_is_checked_beside_its_figure(run):
    found = verdicts(run)
    assert found["median turn latency, 1 practitioner"] == "MISSED"  # 70 > 3 x 20
    assert found["p95 turn latency, 20 practitioners, 1 s pauses"] == "MISSED"  # 900
    assert found["errors, 20 practitioners, 1 s pauses"] == "met"
    assert found["Rasa resident memory (peak)"] == "met"
    assert found["cached retrain, nothing changed"] == "not measured"
    run.training = {"cold": 100.0, "nothing changed": 12.0, "one response reworded": 25.0}
    found = verdicts(run)
    assert found["cached retrain, nothing changed"] == "met"
    assert found["cached retrain, one response reworded"] == "MISSED"


def test_the_floor_sets_the_single_practitioner_target(run):
    single = bench.checks(run)[0]
    assert single.value == 70.0 and single.limit == 60.0


def test_a_main_number_other_than_20_says_so(run):
    run.options.practitioners = 5
    run.phases.append(phase(5, 1.0, [10.0]))
    names = [c.name for c in bench.checks(run)]
    assert "p95 turn latency, 5 practitioners, 1 s pauses (the target is for 20)" in names


def test_the_report_has_targets_phases_plot_and_history(run):
    data = bench._finish(run, {"cpu": {"busy": True, "others_share": 0.6, "cores": 2,
                                       "ours_share": 0.3}})
    md, js, png = (run.options.out / f"{run.stem}.{ext}" for ext in ("md", "json", "png"))
    text = md.read_text()
    assert "## Targets" in text and "(target <= 300 ms: MISSED" in text
    assert "BUSY MACHINE" in text
    assert "Skipped rehearse" in text
    assert "throughput at saturation (20 practitioners, no pauses): 1.0 turns/s" in text
    assert png.exists() and png.stat().st_size > 1000
    saved = json.loads(js.read_text())
    assert saved["saturation_turns_per_s"] == pytest.approx(1.0)
    assert [p["concurrency"] for p in saved["phases"]] == [1, 20, 20]
    line = json.loads(run.options.history_file.read_text().splitlines()[-1])
    assert line["kind"] == "bench" and line["busy"] is True
    assert line["figures"]["c20_pause_p95_ms"] == data["figures"]["c20_pause_p95_ms"]
    summary = bench.summary(data)
    assert "p95 turn latency, 20 practitioners, 1 s pauses" in summary
    assert "throughput at saturation: 1.0 turns/s" in summary


def test_a_second_run_is_compared_with_the_last(run, tmp_path):
    bench._finish(run, {})
    run.phases[1] = phase(20, 1.0, [100.0] * 20)
    data = bench._finish(run, {})
    assert any(line.startswith("c20_pause_p95_ms: ") for line in data["changes_since_last"])


def test_the_hard_deadline_interrupts_whatever_the_bench_waits_for():
    started = time.monotonic()
    with pytest.raises(bench.BenchTimeout), bench._hard_deadline(0.3):
        time.sleep(5)
    assert time.monotonic() - started < 2


def test_quick_runs_only_one_and_the_main_number():
    assert bench.BenchOptions(practitioners=2, quick=True).phase_levels() == [1, 2]
    assert bench.BenchOptions(practitioners=8).phase_levels() == [1, 5, 8, 20, 50]
