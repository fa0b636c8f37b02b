"""The three real processes for `kbs bench`, on free loopback ports, with their own
temporary project database and tracker store, started the way `kbs run` starts them."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kbs.measure.machine import tree_cpu_seconds, tree_rss_bytes
from kbs.ops import rasa_project, settings
from kbs.ops.ports import free_port
from kbs.ops.process_group import Child, ProcessGroup
from kbs.paths import ROOT

NAMES = ("action-server", "rasa", "web")
READY_SECONDS = {"action-server": 120, "rasa": 400, "web": 120}
WEB_THREADS = 8  # as `kbs run` starts waitress
PASSWORD = "bench password, not secret"


@dataclass
class Memory:
    """Resident memory of each server (with its children), sampled while it runs."""

    peak: dict[str, int] = field(default_factory=dict)
    last: dict[str, int] = field(default_factory=dict)


class BenchServers:
    def __init__(self, directory: Path, model: Path, web_threads: int = WEB_THREADS,
                 endpoints: Path | None = None):
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.model = model
        self.web_threads = web_threads
        self.ports = {name: free_port() for name in NAMES}
        self.token = secrets.token_hex(24)  # hex: never starts with "-" on a command line
        self.database_url = f"sqlite:///{directory / 'kbs.db'}"
        self.env = rasa_project.rasa_env(
            KBS_ACTION_PORT=str(self.ports["action-server"]),
            KBS_TRACKER_DB=str(directory / "tracker.db"),
            KBS_RASA_URL=self.rasa_url, KBS_RASA_TOKEN=self.token,
            KBS_SECRET_KEY=secrets.token_hex(24), KBS_DATABASE_URL=self.database_url,
            SANIC_HOST="127.0.0.1", PYTHONUNBUFFERED="1")
        self.endpoints = endpoints or settings.endpoints_file()
        self.group = ProcessGroup(directory / "log")
        self.children: dict[str, Child] = {}
        self.ready_seconds: dict[str, float] = {}
        self.memory = Memory()
        self._sampling = threading.Event()
        self._sampler: threading.Thread | None = None

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['rasa']}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['web']}"

    def prepare_database(self, usernames: list[str]) -> None:
        """The schema, and an account for each simulated practitioner (store API)."""
        from kbs.store.database import engine_for, upgrade
        from kbs.store.users import add_user

        upgrade(self.database_url)
        engine = engine_for(self.database_url)
        for username in usernames:
            add_user(engine, username, PASSWORD)

    def start(self, timeout_scale: float = 1.0) -> None:
        """Start all three at once (as `kbs run` does); time until each answers."""
        started = {}
        for name in NAMES:
            started[name] = time.monotonic()
            self.children[name] = self.group.start(name, self._command(name), self.env, ROOT)
        self._start_sampling()
        for name in ("action-server", "web", "rasa"):
            self.group.wait_ready(self.children[name], self._ready_url(name),
                                  READY_SECONDS[name] * timeout_scale)
            self.ready_seconds[name] = time.monotonic() - started[name]

    def rasa_fixes(self) -> str:
        """What the Rasa server's log says about kbs/ops/rasa_server.py's fixes."""
        from kbs.ops.rasa_server import APPLIED_NOTE

        log = self.children["rasa"].log.read_text(encoding="utf-8", errors="replace")
        for line in log.splitlines():
            if line.startswith(APPLIED_NOTE):
                return line.removeprefix(APPLIED_NOTE).strip()
            if line.startswith("kbs: Rasa"):
                return "none (" + line.removeprefix("kbs: ").strip() + ")"
        return "unknown (the Rasa log does not say)"

    def cpu_seconds(self) -> dict[str, float]:
        return {name: tree_cpu_seconds([pid]) for name, pid in self.pids().items()}

    def pids(self) -> dict[str, int]:
        return {name: child.process.pid for name, child in self.children.items()}

    def rss(self) -> dict[str, int]:
        return {name: tree_rss_bytes(pid) for name, pid in self.pids().items()}

    def stop(self) -> None:
        self._sampling.set()
        self.group.stop(grace_seconds=15)

    def _start_sampling(self, every: float = 0.5) -> None:
        def sample() -> None:
            while not self._sampling.wait(every):
                for name, value in self.rss().items():
                    self.memory.last[name] = value
                    self.memory.peak[name] = max(value, self.memory.peak.get(name, 0))
        self._sampler = threading.Thread(target=sample, daemon=True, name="rss-sampler")
        self._sampler.start()

    def _command(self, name: str) -> list[str]:
        port = self.ports[name]
        if name == "action-server":
            return rasa_project.action_server_command(port)
        if name == "rasa":
            return rasa_project.server_command(self.model, port, self.token, self.endpoints)
        return [rasa_project.venv_bin("waitress-serve"), "--host=127.0.0.1", f"--port={port}",
                f"--threads={self.web_threads}", "--call", "web_widget:create_app"]

    def _ready_url(self, name: str) -> str:
        port = self.ports[name]
        return {"action-server": f"http://127.0.0.1:{port}/health",
                "rasa": f"http://127.0.0.1:{port}/status?token={self.token}",
                "web": f"http://127.0.0.1:{port}/healthz"}[name]
