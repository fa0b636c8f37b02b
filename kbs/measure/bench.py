"""`kbs bench`: the real three processes under simulated practitioners, beside the floor.

Order of a run: training times (cold, then cached), start of the three servers on free
loopback ports with a scratch database and tracker store, accounts and sign-in of every
practitioner, the floor (Rasa's own /model/parse of the same model, one request at a time),
then the load phases: each concurrency level with pauses between turns, and the main
number of practitioners without pauses (saturation). The servers are always stopped, and
the whole run is bounded by a deadline.
"""

from __future__ import annotations

import contextlib
import signal
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests
from tqdm import tqdm

from kbs.catalogues import CatalogueError
from kbs.measure import history, report, training
from kbs.measure.client import Practitioner, TurnError
from kbs.measure.load import Phase, assign, run_phase
from kbs.measure.machine import CpuShare, busy_note, load_snapshot
from kbs.measure.plot import bench_plot
from kbs.measure.runner import StepFailed, run_step
from kbs.measure.scripts import SCRIPTS_DIR, Script, load_scripts
from kbs.measure.servers import PASSWORD, BenchServers
from kbs.measure.stats import LatencySummary
from kbs.measure.targets import Check
from kbs.ops import rasa_project, settings
from kbs.ops.fingerprint import fingerprint, model_for
from kbs.ops.process_group import StartupError
from kbs.ops.server_auth import RASA_TOKEN_HEADER
from kbs.paths import ROOT

RESULTS_DIR = ROOT / "results" / "bench"
MB = 1024 * 1024

# Targets of issue 9.
FLOOR_FACTOR = 3.0
P95_TARGET_MS = 300.0
RASA_RSS_TARGET_MB = 1536.0
CACHED_RETRAIN_TARGET_S = 20.0
TARGET_PRACTITIONERS = 20
CACHED_STEPS = ("nothing changed", "one response reworded")

STOP_RESERVE = 45.0  # seconds kept back from the deadline to stop servers and write reports
MAX_PHASE_SECONDS = 900.0


class BenchTimeout(Exception):
    """The overall deadline passed while a step was still running."""


class BenchError(RuntimeError):
    """The bench could not run (no script, a server that did not start...)."""


@dataclass
class BenchOptions:
    practitioners: int = TARGET_PRACTITIONERS
    levels: tuple[int, ...] = (1, 5, 20, 50)
    pause: float = 1.0
    turns: int | None = None
    training: bool = True
    saturation: bool = True
    quick: bool = False
    floor_samples: int = 100
    request_timeout: float = 30.0
    deadline: float = 3600.0
    web_threads: int = field(default_factory=settings.web_threads)
    scripts_dir: Path = SCRIPTS_DIR
    out: Path = RESULTS_DIR
    history_file: Path = history.HISTORY_FILE

    def phase_levels(self) -> list[int]:
        """The concurrency levels to run with pauses (always 1 and the main number)."""
        levels = set(self.levels) | {1, self.practitioners}
        if self.quick:
            levels = {1, self.practitioners}
        return sorted(levels)


@dataclass
class BenchRun:
    options: BenchOptions
    say: Callable[[str], None] = print
    stem: str = field(default_factory=lambda: report.run_stem("bench"))
    started: float = field(default_factory=time.monotonic)
    scripts: list[Script] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    training: dict[str, float] = field(default_factory=dict)
    model: str = ""
    startup: dict[str, float] = field(default_factory=dict)
    floor_ms: list[float] = field(default_factory=list)
    floor_errors: int = 0
    phases: list[Phase] = field(default_factory=list)
    memory_peak: dict[str, int] = field(default_factory=dict)
    memory_end: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    failure: str | None = None
    transcripts: dict[str, list[str]] = field(default_factory=dict)
    rasa_fixes: str = ""

    @property
    def deadline(self) -> float:
        return self.started + self.options.deadline

    def remaining(self) -> float:
        return max(0.0, self.deadline - STOP_RESERVE - time.monotonic())

    @property
    def raw(self) -> Path:
        return self.options.out / self.stem


def run(options: BenchOptions, say: Callable[[str], None] = print) -> dict:
    """Run the bench; returns the report's data. Raises BenchError after writing the
    report when it could not finish (the report then says how far it got)."""
    bench = BenchRun(options, say)
    share = CpuShare([])  # this process's tree: the servers and every Rasa command too
    load_before = load_snapshot()
    with tempfile.TemporaryDirectory(prefix="kbs-bench-") as scratch:
        servers = None
        try:
            with _hard_deadline(options.deadline):
                bench.scripts, bench.skipped = _scripts(options)
                for name, reason in bench.skipped:
                    say(f"Skipping the {name} conversation: {reason}.")
                share.start()
                model = _model(bench, Path(scratch))
                servers = BenchServers(Path(scratch) / "servers", model, options.web_threads)
                _serve_and_measure(bench, servers)
        except (BenchTimeout, StartupError, StepFailed, TurnError, CatalogueError) as err:
            bench.failure = str(err)
        finally:
            if servers is not None:
                bench.memory_end = bench.memory_end or dict(servers.memory.last)
                bench.memory_peak = dict(servers.memory.peak)
                with _no_alarm():
                    servers.stop()
    machine = {"before": load_before, "after": load_snapshot(),
               "cpu": share.finish() if share.started else {}}
    data = _finish(bench, machine)
    if bench.failure:
        raise BenchError(f"{bench.failure}\nWhat was measured is in {data['report_files'][0]}")
    return data


def _scripts(options: BenchOptions) -> tuple[list[Script], list[tuple[str, str]]]:
    runnable, skipped = load_scripts(options.scripts_dir)
    if not runnable:
        raise CatalogueError(options.scripts_dir,
                             "has no conversation script this checkout can run")
    return [s.limited(options.turns) for s in runnable], skipped


def _model(bench: BenchRun, scratch: Path) -> Path:
    if bench.options.training:
        times = training.measure(scratch / "training", bench.remaining, bench.say)
        bench.training = times.seconds
        bench.model = "trained cold by this run (same data as the checkout)"
        return times.model
    rasa_project.ensure_spacy_pipeline()
    model = model_for(fingerprint(), settings.models_dir())
    if not model.exists():
        bench.say("- no model for this data yet: `kbs train` first (not timed)...")
        run_step([rasa_project.venv_bin("kbs"), "train"], scratch / "kbs-train.log",
                 bench.remaining(), rasa_project.rasa_env())
    bench.model = model.name
    return model


def _serve_and_measure(bench: BenchRun, servers: BenchServers) -> None:
    options = bench.options
    most = max(options.phase_levels())
    usernames = [f"bench-{i:03d}" for i in range(1, most + 1)]
    bench.say(f"- {most} bench accounts in a scratch database...")
    servers.prepare_database(usernames)
    bench.say("- starting the action server, Rasa and the web app on free ports...")
    try:
        servers.start()
    finally:
        bench.startup = dict(servers.ready_seconds)
    bench.say("  ready: " + ", ".join(f"{k} {v:.0f} s" for k, v in bench.startup.items()))
    bench.rasa_fixes = servers.rasa_fixes()
    practitioners = _sign_in(bench, servers.web_url, usernames)
    try:
        _warm_up(bench, practitioners[0])
        _floor(bench, servers)
        _phases(bench, practitioners, servers)
        bench.memory_end = servers.rss()
    finally:
        for practitioner in practitioners:
            practitioner.close()


def _sign_in(bench: BenchRun, url: str, usernames: list[str]) -> list[Practitioner]:
    practitioners = [Practitioner(url, name, PASSWORD, bench.options.request_timeout)
                     for name in usernames]
    failures: list[str] = []
    with tqdm(total=len(practitioners), desc="signing in", unit="practitioner",
              leave=False, disable=None) as bar:
        def sign_in(practitioner: Practitioner) -> None:
            try:
                practitioner.sign_in(PASSWORD)
            except TurnError as err:
                failures.append(f"{practitioner.username}: {err}")
            bar.update(1)
        threads = [threading.Thread(target=sign_in, args=(p,), daemon=True)
                   for p in practitioners]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=bench.remaining())
    if failures:
        raise TurnError("sign-in", f"{len(failures)} practitioner(s) could not sign in: "
                        f"{failures[0]}")
    return practitioners


def _warm_up(bench: BenchRun, practitioner: Practitioner) -> None:
    """The first turns of each script once, not measured (loads lazily built state)."""
    for script in bench.scripts:
        practitioner.new_conversation()
        for turn in script.turns[:3]:
            with contextlib.suppress(TurnError):
                practitioner.say(turn.text_for(1))


def _floor(bench: BenchRun, servers: BenchServers) -> None:
    texts = list(dict.fromkeys(t.text_for(1) for s in bench.scripts for t in s.turns))
    samples = 10 if bench.options.quick else bench.options.floor_samples
    url = f"{servers.rasa_url}/model/parse"
    timeout = bench.options.request_timeout
    with requests.Session() as http:
        http.headers[RASA_TOKEN_HEADER] = servers.token  # a header: never in the URL
        for text in texts[:3]:  # warm-up
            with contextlib.suppress(requests.RequestException):
                http.post(url, json={"text": text}, timeout=timeout)
        for i in tqdm(range(samples), desc="parse floor", unit="parse", leave=False, disable=None):
            if bench.remaining() <= 0:
                break
            started = time.perf_counter()
            try:
                response = http.post(url, json={"text": texts[i % len(texts)]},
                                     timeout=timeout)
                response.raise_for_status()
            except requests.RequestException:
                bench.floor_errors += 1
                continue
            bench.floor_ms.append((time.perf_counter() - started) * 1000)
    floor = LatencySummary.of(bench.floor_ms)
    bench.say(f"  parse floor: p50 {floor.p50:.0f} ms, p95 {floor.p95:.0f} ms "
              f"({floor.count} parses)")


def _phases(bench: BenchRun, practitioners: list[Practitioner], servers: BenchServers) -> None:
    options = bench.options
    plan = [(n, options.pause) for n in options.phase_levels()]
    if options.saturation:
        plan.append((options.practitioners, 0.0))
    for count, pause in plan:
        if bench.remaining() <= 0:
            bench.notes.append(f"Not run, out of time: {count} practitioners, {pause:g} s "
                               "pauses.")
            continue
        name = _phase_name(count, pause)
        speakers = practitioners[:count]
        planned = sum(len(s.turns) for mine in assign(bench.scripts, count) for s in mine)
        deadline = time.monotonic() + min(bench.remaining(), MAX_PHASE_SECONDS)
        cpu_before = servers.cpu_seconds()
        with tqdm(total=planned, desc=name, unit="turn", leave=False, disable=None) as bar:
            phase = run_phase(name, speakers, bench.scripts, pause, deadline,
                              on_turn=lambda _record, bar=bar: bar.update(1),
                              transcript=_transcriber(bench, name))
        phase.cpu_seconds = {name: seconds - cpu_before.get(name, 0.0)
                             for name, seconds in servers.cpu_seconds().items()}
        bench.phases.append(phase)
        summary = phase.summary
        bench.say(f"  {name}: p50 {summary.p50:.0f} ms, p95 {summary.p95:.0f} ms, max "
                  f"{summary.max:.0f} ms, {phase.turns_per_second:.1f} turns/s, "
                  f"{phase.errors} errors" + (" (stopped at its deadline)"
                                               if phase.stopped_early else ""))


def _phase_name(count: int, pause: float) -> str:
    return (f"{count} practitioner{'s' if count > 1 else ''}, "
            + (f"{pause:g} s pauses" if pause else "no pauses"))


def _transcriber(bench: BenchRun, phase: str):
    """Keeps one conversation of each script (the first practitioner holding it)."""
    lock = threading.Lock()
    holder: dict[str, int] = {}

    def keep(practitioner: int, script: str, text: str, reply) -> None:
        with lock:
            if holder.setdefault(script, practitioner) != practitioner:
                return
        answer = "(no answer)" if reply is None else " / ".join(
            " ".join((m.get("text") or "").split())[:300] for m in reply.messages)
        with lock:
            bench.transcripts.setdefault(f"{phase}: {script}", []).append(
                f"- **practitioner**: {text}\n  **assistant**: {answer}")
    return keep


# --- the report ---------------------------------------------------------------------------

def checks(bench: BenchRun) -> list[Check]:
    found = []
    floor = LatencySummary.of(bench.floor_ms).p50
    single = _phase(bench, 1, bench.options.pause)
    found.append(Check("median turn latency, 1 practitioner", single and single.summary.p50,
                       "<=", FLOOR_FACTOR * floor if floor == floor else float("nan"), " ms",
                       note=f"(3 x the parse floor p50 {floor:.0f} ms)"))
    n = bench.options.practitioners
    main = _phase(bench, n, bench.options.pause)
    label = f"{n} practitioners, {bench.options.pause:g} s pauses"
    if n != TARGET_PRACTITIONERS:
        label += f" (the target is for {TARGET_PRACTITIONERS})"
    found.append(Check(f"p95 turn latency, {label}", main and main.summary.p95, "<=",
                       P95_TARGET_MS, " ms"))
    found.append(Check(f"errors, {label}", main and float(main.errors), "<=", 0.0))
    rasa_peak = bench.memory_peak.get("rasa")
    found.append(Check("Rasa resident memory (peak)", rasa_peak and rasa_peak / MB, "<=",
                       RASA_RSS_TARGET_MB, " MB"))
    for step in CACHED_STEPS:
        found.append(Check(f"cached retrain, {step}", bench.training.get(step), "<=",
                           CACHED_RETRAIN_TARGET_S, " s"))
    return found


def figures(bench: BenchRun) -> dict[str, float | None]:
    found: dict[str, float | None] = {
        "floor_p50_ms": LatencySummary.of(bench.floor_ms).p50 if bench.floor_ms else None}
    for phase in bench.phases:
        key = f"c{phase.concurrency}_{'pause' if phase.pause else 'nopause'}"
        summary = phase.summary
        found[f"{key}_p50_ms"] = summary.p50
        found[f"{key}_p95_ms"] = summary.p95
        found[f"{key}_max_ms"] = summary.max
        found[f"{key}_turns_per_s"] = phase.turns_per_second
        found[f"{key}_errors"] = float(phase.errors)
    for name, value in bench.memory_peak.items():
        found[f"rss_peak_mb_{name}"] = value / MB
    for name, value in bench.startup.items():
        found[f"startup_s_{name}"] = value
    for step, value in bench.training.items():
        found[f"training_s_{step.replace(' ', '_')}"] = value
    return found


def _phase(bench: BenchRun, count: int, pause: float) -> Phase | None:
    return next((p for p in bench.phases if p.concurrency == count and p.pause == pause),
                None)


def _finish(bench: BenchRun, machine: dict) -> dict:
    found = figures(bench)
    results = checks(bench)
    before = history.previous("bench", bench.options.history_file,
                              quick=bench.options.quick)
    plot = _plot(bench)
    saturation = next((p for p in bench.phases if not p.pause), None)
    data = {
        "kind": "bench", "stem": bench.stem, **history.code_version(),
        "options": {k: v for k, v in bench.options.__dict__.items()
                    if k not in {"out", "history_file"}},
        "model": bench.model, "rasa_fixes": bench.rasa_fixes,
        "scripts": [s.name for s in bench.scripts],
        "skipped_scripts": [{"script": n, "reason": r} for n, r in bench.skipped],
        "machine": machine, "training_s": bench.training, "startup_s": bench.startup,
        "floor_ms": {**LatencySummary.of(bench.floor_ms).as_dict(), "errors": bench.floor_errors,
                     "samples": bench.floor_ms},
        "phases": [p.as_dict() for p in bench.phases],
        "saturation_turns_per_s": saturation.turns_per_second if saturation else None,
        "memory_peak_mb": {k: v / MB for k, v in bench.memory_peak.items()},
        "memory_end_mb": {k: v / MB for k, v in bench.memory_end.items()},
        "checks": [c.as_dict() for c in results], "figures": found, "notes": bench.notes,
        "failure": bench.failure, "plot": str(plot) if plot else None,
        "unexpected": _unexpected(bench), "changes_since_last": history.changes(before, found),
        "seconds": time.monotonic() - bench.started,
    }
    md, js = report.write(bench.options.out, bench.stem, render(data, results), data)
    if bench.transcripts:
        bench.raw.mkdir(parents=True, exist_ok=True)
        (bench.raw / "transcripts.md").write_text("\n\n".join(
            f"## {key}\n\n" + "\n".join(lines) for key, lines in bench.transcripts.items()),
            encoding="utf-8")
    history.append(history.entry("bench", found, report=_relative(md),
                                 checks=[c.as_dict() for c in results],
                                 busy=bool(machine.get("cpu", {}).get("busy")),
                                 quick=bench.options.quick, failure=bench.failure),
                   bench.options.history_file)
    data["report_files"] = [str(md), str(js)] + ([str(plot)] if plot else [])
    return data


def _plot(bench: BenchRun) -> Path | None:
    main = _phase(bench, bench.options.practitioners, bench.options.pause)
    if not main:
        return None
    levels = [{"concurrency": p.concurrency, "p50": p.summary.p50, "p95": p.summary.p95,
               "turns_per_second": p.turns_per_second}
              for p in bench.phases if p.pause and p.summary.count]
    saturation = next(({"concurrency": p.concurrency, "p95": p.summary.p95,
                        "turns_per_second": p.turns_per_second}
                       for p in bench.phases if not p.pause and p.summary.count), None)
    return bench_plot(bench.options.out / f"{bench.stem}.png", main.latencies_ms,
                      bench.floor_ms, main.name, levels, P95_TARGET_MS, saturation)


def _unexpected(bench: BenchRun) -> list[dict]:
    counts = Counter((r.script, r.turn) for p in bench.phases for r in p.records if r.unexpected)
    wanted = {(s.name, i): t.expect for s in bench.scripts
              for i, t in enumerate(s.turns, start=1)}
    return [{"script": s, "turn": t, "expected": wanted.get((s, t)), "count": c}
            for (s, t), c in sorted(counts.items())]


def render(data: dict, results: list[Check]) -> str:
    cpu = data["machine"].get("cpu") or {}
    dirty = " (with uncommitted changes)" if data.get("dirty") else ""
    lines = [f"# Bench {data['stem']}", "",
             f"Commit {data.get('commit')}{dirty}"
             f"; model: {data['model']}; Rasa fixes: {data.get('rasa_fixes') or '-'}"
             f"; scripts: {', '.join(data['scripts']) or 'none'}"
             f"{'; quick run' if data['options']['quick'] else ''}.", ""]
    if cpu:
        lines += [busy_note(cpu), ""]
    if data["failure"]:
        lines += [f"**The run did not finish:** {data['failure']}", ""]
    lines += ["## Targets", ""] + [f"- {c.line()}" for c in results]
    sat = data["saturation_turns_per_s"]
    lines += [f"- throughput at saturation ({data['options']['practitioners']} practitioners, "
              f"no pauses): {sat:.1f} turns/s (reported, no target)" if sat is not None else
              "- throughput at saturation: not measured", ""]
    lines += ["## Turns through the web app", "",
              report.table(["phase", "turns", "errors", "unexpected", "p50 ms", "p95 ms",
                            "max ms", "turns/s", "seconds"],
                           [[p["name"], p["turns"], p["errors"], p["unexpected_replies"],
                             p["latency_ms"]["p50"], p["latency_ms"]["p95"],
                             p["latency_ms"]["max"], p["turns_per_second"], p["seconds"]]
                            for p in data["phases"]]), ""]
    lines += _cpu_lines(data)
    kinds = {k: v for p in data["phases"] for k, v in p["error_kinds"].items()}
    if kinds:
        lines += ["Errors by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.items()), ""]
    floor = data["floor_ms"]
    lines += [f"Floor, Rasa's `/model/parse` of the same model one request at a time: p50 "
              f"{_ms(floor['p50'])}, p95 {_ms(floor['p95'])}, max {_ms(floor['max'])} over "
              f"{floor['count']} parses ({floor['errors']} errors).", ""]
    if data["plot"]:
        lines += [f"![latency]({Path(data['plot']).name})", ""]
    lines += ["## Processes", "",
              report.table(["process", "start-up s", "peak RSS MB", "RSS at end MB"],
                           [[name, data["startup_s"].get(name), data["memory_peak_mb"].get(name),
                             data["memory_end_mb"].get(name)]
                            for name in ("action-server", "rasa", "web")]), "",
              "RSS includes each process's children. Start-up: from starting the three "
              "together (as `kbs run` does) until each answers its health check (Rasa: "
              "/status with the model loaded).", ""]
    if data["training_s"]:
        lines += ["## Training (copy of the training data, scratch Rasa cache)", "",
                  report.table(["training", "seconds", "what"],
                               [[k, v, training.CHANGES[k]]
                                for k, v in data["training_s"].items()]), ""]
    else:
        lines += ["Training times not measured (--no-training).", ""]
    if data["unexpected"]:
        lines += ["## Unexpected replies (the script's `expect` not in the reply)", ""]
        lines += [f"- {u['script']} turn {u['turn']} (expected {u['expected']!r}): "
                  f"{u['count']}" for u in data["unexpected"]]
        lines.append("")
    notes = [f"Skipped {s['script']}: {s['reason']}." for s in data["skipped_scripts"]]
    notes += data["notes"]
    if notes:
        lines += ["## Notes", ""] + [f"- {n}" for n in notes] + [""]
    if data["changes_since_last"]:
        lines += ["## Since the last run", ""] + [f"- {c}" for c in data["changes_since_last"]]
    return "\n".join(lines) + "\n"


def capacity(phases: list[dict], cores: int) -> float | None:
    """Turns per second the servers' CPU cost allows on ``cores`` idle cores: the CPU per turn
    of the busiest phase, all servers together (the Rasa server alone uses one core)."""
    measured = [p for p in phases if p.get("cpu_ms_per_turn") and p["turns"]]
    if not measured:
        return None
    heaviest = max(measured, key=lambda p: p["turns"])
    per_turn = heaviest["cpu_ms_per_turn"]
    total, rasa = sum(per_turn.values()), per_turn.get("rasa", 0.0)
    limits = [cores * 1000 / total] if total else []
    limits += [1000 / rasa] if rasa else []
    return min(limits) if limits else None


def _cpu_lines(data: dict) -> list[str]:
    rows = [[p["name"], *(p.get("cpu_ms_per_turn", {}).get(n) for n in
                          ("action-server", "rasa", "web"))] for p in data["phases"]]
    if not any(any(v is not None for v in row[1:]) for row in rows):
        return []
    cores = (data["machine"].get("cpu") or {}).get("cores") or 2
    most = capacity(data["phases"], cores)
    lines = ["CPU time each server used per turn (ms), whoever else was using the machine:", "",
             report.table(["phase", "action server", "Rasa", "web app"], rows), ""]
    if most:
        lines += [f"On {cores} idle cores that CPU cost allows at most about {most:.0f} turns/s "
                  "(the Rasa server uses one core at a time); 20 practitioners pausing 1 s "
                  "between turns ask for up to 20 turns/s.", ""]
    return lines


def summary(data: dict) -> str:
    """What `kbs bench` prints at the end: every figure beside its target."""
    lines = ["Targets:"] + [f"  {_check_line(c)}" for c in data["checks"]]
    sat = data["saturation_turns_per_s"]
    lines.append(f"  throughput at saturation: {sat:.1f} turns/s (reported)" if sat is not None
                 else "  throughput at saturation: not measured")
    lines.append("Phases (p50 / p95 / max ms, turns/s, errors):")
    for p in data["phases"]:
        latency = p["latency_ms"]
        lines.append(f"  {p['name']:<32} {_ms(latency['p50'])} / {_ms(latency['p95'])} / "
                     f"{_ms(latency['max'])}, {p['turns_per_second']:.1f}/s, {p['errors']}")
    floor = data["floor_ms"]
    lines.append(f"Parse floor: p50 {_ms(floor['p50'])}, p95 {_ms(floor['p95'])}")
    heaviest = max(data["phases"], key=lambda p: p["turns"], default=None)
    if heaviest and heaviest.get("cpu_ms_per_turn"):
        lines.append(f"CPU ms per turn ({heaviest['name']}): " + ", ".join(
            f"{k} {v:.0f}" for k, v in heaviest["cpu_ms_per_turn"].items()))
    lines.append(f"Rasa fixes (kbs/ops/rasa_server.py): {data.get('rasa_fixes') or '-'}")
    lines.append("Start-up s: " + ", ".join(f"{k} {v:.1f}" for k, v in data["startup_s"].items()))
    lines.append("Peak RSS MB: " + ", ".join(f"{k} {v:.0f}"
                                             for k, v in data["memory_peak_mb"].items()))
    if data["training_s"]:
        lines.append("Training s: " + ", ".join(f"{k} {v:.0f}"
                                                for k, v in data["training_s"].items()))
    for s in data["skipped_scripts"]:
        lines.append(f"Skipped {s['script']}: {s['reason']}")
    if data["unexpected"]:
        lines.append("Unexpected replies: " + ", ".join(
            f"{u['script']} turn {u['turn']} x{u['count']}" for u in data["unexpected"]))
    cpu = data["machine"].get("cpu")
    if cpu:
        lines.append(busy_note(cpu))
    if data["changes_since_last"]:
        lines.append("Since the last run: " + "; ".join(data["changes_since_last"][:12]))
    lines.append(f"Took {data['seconds']:.0f} s. Report: {data['report_files'][0]}")
    return "\n".join(lines)


def _check_line(check: dict) -> str:
    return Check(check["name"], check["value"], check["op"], check["limit"],
                 " " + check["unit"] if check["unit"] else "", check["note"]).line()


def _ms(value) -> str:
    return "-" if value is None else f"{value:.0f} ms"


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


# --- the overall deadline -----------------------------------------------------------------

@contextlib.contextmanager
def _hard_deadline(seconds: float):
    """Raise BenchTimeout in the main thread when ``seconds`` have passed, whatever it is
    waiting for (the phases stop on their own before; this catches anything that hangs)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise BenchTimeout(f"the bench's deadline of {seconds:.0f} s passed")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _no_alarm():
    """Stopping the servers must not be interrupted by the deadline's alarm."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    remaining, _ = signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        if remaining:
            signal.setitimer(signal.ITIMER_REAL, remaining)
