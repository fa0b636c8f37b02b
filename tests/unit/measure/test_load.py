import threading
import time

import pytest

from kbs.measure.client import Reply, TurnError
from kbs.measure.load import assign, run_phase
from kbs.measure.scripts import Script, Turn


def script(name, *texts, expect=None):
    return Script(name, "core", tuple(Turn(t, expect) for t in texts))


class FakeSpeaker:
    """Answers at once; fails or hangs on request."""

    def __init__(self, answer="ok", fail_on=(), hang_on=(), hang=None):
        self.answer, self.fail_on, self.hang_on = answer, fail_on, hang_on
        self.hang = hang or threading.Event()
        self.said, self.conversations = [], 0

    def new_conversation(self):
        self.conversations += 1

    def say(self, text):
        self.said.append(text)
        if text in self.fail_on:
            raise TurnError("HTTP 503", "unavailable")
        if text in self.hang_on:
            self.hang.wait(5)  # as a request with a 5 s timeout would
            raise TurnError("timeout", "no answer within 5 s")
        return Reply(0.012, [{"text": self.answer}])


def test_scripts_are_dealt_so_every_one_is_held():
    a, b, c = script("a", "1"), script("b", "2"), script("c", "3")
    assert assign([a, b, c], 1) == [[a, b, c]]
    assert assign([a, b, c], 2) == [[a, c], [b]]
    assert assign([a, b], 5) == [[a], [b], [a], [b], [a]]
    with pytest.raises(ValueError):
        assign([], 3)


def test_every_turn_is_recorded_with_its_latency_and_practitioner_number():
    speakers = [FakeSpeaker(), FakeSpeaker()]
    phase = run_phase("two", speakers, [script("core", "hello", "KBS-{n}")], 0.0,
                      time.monotonic() + 10)
    assert len(phase.records) == 4 and phase.planned_turns == 4
    assert phase.errors == 0 and not phase.stopped_early
    assert phase.summary.p50 == pytest.approx(12.0)
    assert speakers[1].said == ["hello", "KBS-002"]
    assert all(s.conversations == 1 for s in speakers)
    assert phase.turns_per_second > 0


def test_errors_and_unexpected_replies_are_counted_separately():
    speakers = [FakeSpeaker(answer="Hello there", fail_on={"menu"})]
    phase = run_phase("one", speakers, [script("core", "hello", "menu", expect="hello"),
                                        script("other", "thanks", expect="welcome")],
                      0.0, time.monotonic() + 10)
    assert phase.errors == 1 and phase.error_kinds == {"HTTP 503": 1}
    assert phase.unexpected == 1  # "thanks" got "Hello there", not "welcome"
    assert len(phase.latencies_ms) == 2
    assert speakers[0].conversations == 2


def test_a_hanging_server_cannot_keep_the_phase_past_its_deadline():
    hang = threading.Event()
    speakers = [FakeSpeaker(hang_on={"hello"}, hang=hang) for _ in range(3)]
    started = time.monotonic()
    phase = run_phase("hang", speakers, [script("core", "hello", "menu", "bye")], 0.5,
                      started + 1.0)
    hang.set()
    assert time.monotonic() - started < 1.0 + 5.0 + 1.0  # deadline + join grace + slack
    assert phase.stopped_early
    assert phase.errors >= 1
    assert len(phase.records) < phase.planned_turns


def test_pauses_space_the_turns_out():
    phase = run_phase("paused", [FakeSpeaker()], [script("core", "a", "b", "c")], 0.2,
                      time.monotonic() + 10)
    starts = [r.at for r in phase.records]
    assert starts[1] - starts[0] >= 0.2 and starts[2] - starts[1] >= 0.2


def test_phase_as_dict_has_the_summary_and_the_raw_turns():
    phase = run_phase("one", [FakeSpeaker()], [script("core", "hi")], 0.0,
                      time.monotonic() + 10)
    data = phase.as_dict()
    assert data["latency_ms"]["count"] == 1 and data["errors"] == 0
    assert data["records"][0]["script"] == "core"
    assert "records" not in phase.as_dict(raw=False)
