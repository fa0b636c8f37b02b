"""Practitioners holding their scripted conversations at the same time (one thread each).

Each practitioner starts a new conversation, then sends its script's turns one by one,
pausing between turns; starts are spread over the first pause so that practitioners do
not all type in the same instant. Every request has a timeout, and no turn starts after
the deadline, so a phase ends in bounded time even if a server hangs.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from kbs.measure.client import Reply, TurnError
from kbs.measure.scripts import Script
from kbs.measure.stats import LatencySummary, rate

JOIN_GRACE = 5.0  # seconds past the deadline to wait for turns already sent


class Speaker(Protocol):
    def new_conversation(self) -> None: ...
    def say(self, text: str) -> Reply: ...


@dataclass(frozen=True)
class TurnRecord:
    practitioner: int
    script: str
    turn: int
    at: float  # seconds from the start of the phase
    latency_ms: float
    error: str | None = None
    unexpected: bool = False


@dataclass
class Phase:
    name: str
    concurrency: int
    pause: float
    records: list[TurnRecord] = field(default_factory=list)
    seconds: float = 0.0
    stopped_early: bool = False
    planned_turns: int = 0
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # per server, this phase

    @property
    def cpu_ms_per_turn(self) -> dict[str, float]:
        turns = len(self.records)
        return {name: seconds * 1000 / turns for name, seconds in self.cpu_seconds.items()
                } if turns else {}

    @property
    def latencies_ms(self) -> list[float]:
        return [r.latency_ms for r in self.records if r.error is None]

    @property
    def summary(self) -> LatencySummary:
        return LatencySummary.of(self.latencies_ms)

    @property
    def errors(self) -> int:
        return sum(r.error is not None for r in self.records)

    @property
    def error_kinds(self) -> dict[str, int]:
        return dict(Counter(r.error for r in self.records if r.error))

    @property
    def unexpected(self) -> int:
        return sum(r.unexpected for r in self.records)

    @property
    def turns_per_second(self) -> float:
        return rate(len(self.latencies_ms), self.seconds)

    def as_dict(self, raw: bool = True) -> dict:
        data = {"name": self.name, "concurrency": self.concurrency, "pause_s": self.pause,
                "turns": len(self.records), "planned_turns": self.planned_turns,
                "errors": self.errors, "error_kinds": self.error_kinds,
                "unexpected_replies": self.unexpected, "seconds": self.seconds,
                "turns_per_second": self.turns_per_second, "stopped_early": self.stopped_early,
                "latency_ms": self.summary.as_dict(), "cpu_ms_per_turn": self.cpu_ms_per_turn}
        if raw:
            data["records"] = [r.__dict__ for r in self.records]
        return data


def assign(scripts: Sequence[Script], practitioners: int) -> list[list[Script]]:
    """The scripts each practitioner holds, one after the other.

    With at least as many practitioners as scripts, practitioner i (0-based) holds script
    i modulo their number; with fewer, the scripts are dealt out so that every script is
    still held (one practitioner holds them all).
    """
    if not scripts:
        raise ValueError("no conversation script to run")
    if practitioners >= len(scripts):
        return [[scripts[i % len(scripts)]] for i in range(practitioners)]
    return [list(scripts[i::practitioners]) for i in range(practitioners)]


def run_phase(name: str, speakers: Sequence[Speaker], scripts: Sequence[Script], pause: float,
              deadline: float, on_turn: Callable[[TurnRecord], None] | None = None,
              transcript: Callable[[int, str, str, Reply | None], None] | None = None) -> Phase:
    """Every speaker holds its script at once; returns when all are done or at the deadline.

    ``deadline`` is a time.monotonic() value; ``on_turn`` is called after each turn (from
    the practitioner's thread: progress bars), ``transcript`` with each exchange.
    """
    held = assign(scripts, len(speakers))
    phase = Phase(name, len(speakers), pause,
                  planned_turns=sum(len(s.turns) for mine in held for s in mine))
    lock = threading.Lock()
    stop = threading.Event()
    started = time.monotonic()

    def practitioner(index: int) -> None:
        if pause and len(speakers) > 1:
            stop.wait(min(pause * index / len(speakers), max(0.0, deadline - time.monotonic())))
        for script in held[index]:
            if not hold(index, script):
                return

    def hold(index: int, script: Script) -> bool:
        """One conversation; False when the phase must end (deadline)."""
        speaker = speakers[index]
        try:
            speaker.new_conversation()
        except TurnError as err:
            _record(TurnRecord(index + 1, script.name, 0, time.monotonic() - started, 0.0,
                               f"new conversation: {err.kind}"))
            return True
        for number, turn in enumerate(script.turns, start=1):
            if stop.is_set() or time.monotonic() >= deadline:
                return False
            text = turn.text_for(index + 1)
            sent = time.perf_counter()
            at = time.monotonic() - started
            try:
                reply = speaker.say(text)
            except TurnError as err:
                _record(TurnRecord(index + 1, script.name, number, at,
                                   (time.perf_counter() - sent) * 1000, err.kind))
                if transcript:
                    transcript(index + 1, script.name, text, None)
            else:
                unexpected = bool(turn.expect) and turn.expect.lower() not in reply.text.lower()
                _record(TurnRecord(index + 1, script.name, number, at, reply.seconds * 1000,
                                   None, unexpected))
                if transcript:
                    transcript(index + 1, script.name, text, reply)
            if pause:
                stop.wait(min(pause, max(0.0, deadline - time.monotonic())))
        return True

    def _record(record: TurnRecord) -> None:
        with lock:
            phase.records.append(record)
        if on_turn:
            on_turn(record)

    threads = [threading.Thread(target=practitioner, args=(i,), daemon=True,
                                name=f"practitioner-{i + 1}") for i in range(len(speakers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline + JOIN_GRACE - time.monotonic()))
    stop.set()
    phase.stopped_early = (any(t.is_alive() for t in threads)
                           or len(phase.records) < phase.planned_turns)
    with lock:
        phase.records.sort(key=lambda r: r.at)
        ends = [r.at + r.latency_ms / 1000 for r in phase.records]
    phase.seconds = max(ends, default=0.0) if phase.records else time.monotonic() - started
    return phase
