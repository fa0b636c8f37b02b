"""The three real processes for `kbs bench`, started by the launcher that `kbs run` uses
(kbs.ops.launcher) on free loopback ports, with their own temporary project database and
tracker store; the bench adds start-up times, CPU and resident memory of each."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from kbs.measure.machine import tree_cpu_seconds, tree_rss_bytes
from kbs.ops.launcher import Launcher, ServerSettings

# Longer than `kbs run` allows: the bench's machine may be busy with its own measuring.
READY_SECONDS = {"action-server": 120, "rasa": 400, "web": 120}
PASSWORD = "bench password, not secret"


@dataclass
class Memory:
    """Resident memory of each server (with its children), sampled while it runs."""

    peak: dict[str, int] = field(default_factory=dict)
    last: dict[str, int] = field(default_factory=dict)


class BenchServers:
    def __init__(self, directory: Path, model: Path, web_threads: int | None = None,
                 endpoints: Path | None = None):
        directory.mkdir(parents=True, exist_ok=True)
        changes = {"web_threads": web_threads, "endpoints": endpoints}
        self.config = ServerSettings.scratch(
            directory, model, ready_seconds=READY_SECONDS,
            **{name: value for name, value in changes.items() if value is not None})
        self.launcher = Launcher(self.config)
        # Simulated practitioners send turns back to back: the chat's per-client limit
        # (KBS_CHAT_PER_MINUTE) is for people, and would measure itself, not the servers.
        self.launcher.env["KBS_CHAT_PER_MINUTE"] = "0"
        self.memory = Memory()
        self._sampling = threading.Event()
        self._sampler: threading.Thread | None = None

    @property
    def token(self) -> str:
        return self.config.token

    @property
    def database_url(self) -> str:
        return self.config.database_url

    @property
    def rasa_url(self) -> str:
        return self.config.rasa_url

    @property
    def web_url(self) -> str:
        return self.config.web_url

    @property
    def ready_seconds(self) -> dict[str, float]:
        return self.launcher.ready_seconds

    def prepare_database(self, usernames: list[str]) -> None:
        """The schema, and an account for each simulated practitioner (store API)."""
        from kbs.store.database import engine_for, upgrade
        from kbs.store.users import add_user

        upgrade(self.database_url)
        engine = engine_for(self.database_url)
        for username in usernames:
            add_user(engine, username, PASSWORD)

    def start(self) -> None:
        """Start all three at once (as `kbs run` does); the launcher times until each
        answers, and memory is sampled from their start."""
        self._start_sampling()
        self.launcher.start()

    def rasa_fixes(self) -> str:
        """What the Rasa server's log says about kbs/ops/rasa_server.py's fixes."""
        from kbs.ops.rasa_server import APPLIED_NOTE

        log = self.launcher.log("rasa").read_text(encoding="utf-8", errors="replace")
        for line in log.splitlines():
            if line.startswith(APPLIED_NOTE):
                return line.removeprefix(APPLIED_NOTE).strip()
            if line.startswith("kbs: Rasa"):
                return "none (" + line.removeprefix("kbs: ").strip() + ")"
        return "unknown (the Rasa log does not say)"

    def cpu_seconds(self) -> dict[str, float]:
        return {name: tree_cpu_seconds([pid]) for name, pid in self.pids().items()}

    def pids(self) -> dict[str, int]:
        return self.launcher.pids()

    def rss(self) -> dict[str, int]:
        return {name: tree_rss_bytes(pid) for name, pid in self.pids().items()}

    def stop(self) -> None:
        self._sampling.set()
        self.launcher.stop(grace_seconds=15)

    def _start_sampling(self, every: float = 0.5) -> None:
        def sample() -> None:
            while not self._sampling.wait(every):
                for name, value in self.rss().items():
                    self.memory.last[name] = value
                    self.memory.peak[name] = max(value, self.memory.peak.get(name, 0))
        self._sampler = threading.Thread(target=sample, daemon=True, name="rss-sampler")
        self._sampler.start()
