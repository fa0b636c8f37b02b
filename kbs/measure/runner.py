"""Running a step of a measurement as a child process: logged, timed, and never left behind."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from kbs.paths import ROOT


class StepFailed(RuntimeError):
    """A step exited with an error or ran out of time; the message names its log."""


@dataclass(frozen=True)
class StepResult:
    seconds: float
    log: Path


def run_step(argv: list[str], log: Path, timeout: float, env: dict[str, str],
             cwd: Path = ROOT) -> StepResult:
    """Run ``argv`` with its output in ``log``; StepFailed on a non-zero exit or timeout.

    The child gets its own process group, which is killed when the step times out or
    the caller is interrupted, so nothing it started outlives it.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with log.open("wb") as out:
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            code = process.wait(timeout=max(1.0, timeout))
        except subprocess.TimeoutExpired:
            _kill(process)
            raise StepFailed(f"{Path(argv[0]).name} {' '.join(argv[1:3])} did not finish within "
                             f"{timeout:.0f} s; see {log}") from None
        except BaseException:
            _kill(process)
            raise
    seconds = time.monotonic() - started
    if code != 0:
        raise StepFailed(f"{Path(argv[0]).name} {' '.join(argv[1:3])} failed (exit {code}); "
                         f"see {log}:\n{tail(log)}")
    return StepResult(seconds, log)


def tail(log: Path, lines: int = 8) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    # Progress bars rewrite one line with carriage returns; keep what was last shown.
    shown = [line.split("\r")[-1] for line in text.splitlines()]
    return "\n".join([line for line in shown if line.strip()][-lines:])


def _kill(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
