"""The assistant's servers as one supervised group of child processes.

Each child gets its own process group, so Ctrl-C reaches only the supervisor, which then
stops every child (and anything a child started) in order, and leaves nothing behind. Each
child's output goes to its log (kbs.ops.logs): appended to, and rotated by size.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kbs.ops.logs import LogPump, RotatingLog

# The logs' defaults when the caller does not say (kbs.ops.settings has the configured ones).
DEFAULT_LOG_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_LOG_FILES_KEPT = 5


class StartupError(RuntimeError):
    """A server that exited or never answered; the message says which and where its log is."""


@dataclass
class Child:
    name: str
    process: subprocess.Popen
    log: Path
    pump: LogPump | None = None

    def log_tail(self, lines: int = 5) -> str:
        """The last lines of this run's log (once what the child wrote has reached it)."""
        if self.pump is not None:
            self.pump.thread.join(timeout=2)
        text = self.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        return "\n".join(text[-lines:])

    def finish_log(self) -> None:
        if self.pump is not None:
            self.pump.finish()


class ProcessGroup:
    def __init__(self, log_dir: Path, log_max_bytes: int = DEFAULT_LOG_MAX_BYTES,
                 log_files_kept: int = DEFAULT_LOG_FILES_KEPT):
        self.log_dir = log_dir
        self.log_max_bytes = log_max_bytes
        self.log_files_kept = log_files_kept
        self.children: list[Child] = []

    def start(self, name: str, argv: list[str], env: dict[str, str], cwd: Path,
              umask: int = -1) -> Child:
        """Start ``argv`` as ``name`` (with ``umask`` when given); its output is appended to
        ``<log_dir>/<name>.log`` after a line saying when it started (never its command
        line or its environment)."""
        log = RotatingLog(self.log_dir / f"{name}.log", self.log_max_bytes,
                          self.log_files_kept)
        process = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True, umask=umask)
        log.mark(f"kbs: {name} started (pid {process.pid})")
        child = Child(name, process, log.path, LogPump(process.stdout, log))
        self.children.append(child)
        return child

    def wait_ready(self, child: Child, url: str, timeout: float,
                   headers: dict[str, str] | None = None) -> None:
        """Poll ``url`` (with ``headers``) until it answers 200, the child exits, or
        ``timeout`` passes."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if child.process.poll() is not None:
                raise StartupError(f"{child.name} exited with code {child.process.returncode} "
                                   f"while starting; see {child.log}:\n{child.log_tail()}")
            if _answers(url, headers or {}):
                return
            time.sleep(0.5)
        raise StartupError(f"{child.name} did not answer within {timeout:.0f} s; see {child.log}")

    def wait_for_exit(self, poll_seconds: float = 0.5) -> Child:
        """Block until one child exits; return it."""
        while True:
            for child in self.children:
                if child.process.poll() is not None:
                    return child
            time.sleep(poll_seconds)

    def stop(self, grace_seconds: float = 20, children: list[Child] | None = None) -> None:
        """Stop ``children`` (every child when None): SIGTERM to each one's process group,
        then SIGKILL to what is left after ``grace_seconds``; they leave the group."""
        stopping = list(self.children if children is None else children)
        for child in stopping:
            _signal_group(child.process, signal.SIGTERM)
        deadline = time.monotonic() + grace_seconds
        for child in stopping:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            # Also reaps anything the child started and left in its group.
            _signal_group(child.process, signal.SIGKILL)
            child.process.wait()
            child.finish_log()
            self._forget(child)

    def kill(self, child: Child) -> None:
        """Stop one child at once, as a crash would (SIGKILL to its process group)."""
        _signal_group(child.process, signal.SIGKILL)
        child.process.wait()
        child.finish_log()
        self._forget(child)

    def _forget(self, child: Child) -> None:
        if child in self.children:
            self.children.remove(child)


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)


def _answers(url: str, headers: dict[str, str]) -> bool:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                    timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False
