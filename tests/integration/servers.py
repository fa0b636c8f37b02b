"""The three real processes, each of which a test can kill and start again on its own.

`kbs run` supervises them as one group and stops everything when one exits; a test of
restarts needs to stop one child while the others keep running, so it starts them here with
the same commands (kbs.ops.rasa_project) on free ports, with its own databases.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from kbs.ops import rasa_project, settings
from kbs.ops.fingerprint import fingerprint, model_for
from kbs.ops.ports import free_port
from kbs.ops.process_group import Child, ProcessGroup
from kbs.paths import ROOT
from kbs.store.database import upgrade
from tests.integration.conftest import PASSWORD, Chat

TOKEN = "integration-test"
READY_SECONDS = {"action-server": 60, "rasa": 300, "web": 60}


class Servers:
    def __init__(self, directory: Path):
        self.ports = {name: free_port() for name in READY_SECONDS}
        self.database = directory / "kbs.db"
        upgrade(f"sqlite:///{self.database}")
        self.model = model_for(fingerprint(), settings.models_dir())
        assert self.model.exists(), "no model for the current data: run `kbs train` first"
        self.env = rasa_project.rasa_env(
            KBS_ACTION_PORT=str(self.ports["action-server"]),
            KBS_TRACKER_DB=str(directory / "tracker.db"),
            KBS_RASA_URL=f"http://127.0.0.1:{self.ports['rasa']}", KBS_RASA_TOKEN=TOKEN,
            KBS_SECRET_KEY=TOKEN, KBS_DATABASE_URL=f"sqlite:///{self.database}",
            SANIC_HOST="127.0.0.1", PYTHONUNBUFFERED="1")
        self.group = ProcessGroup(directory / "log")
        self.running: dict[str, Child] = {}
        self.users: set[str] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports['web']}"

    def session(self, username: str) -> Chat:
        """A practitioner signed in to the web app (the account is made on first use)."""
        if username not in self.users:
            subprocess.run([rasa_project.venv_bin("kbs"), "users", "add", username,
                            "--password-stdin"], env=self.env, input=PASSWORD + "\n",
                           text=True, check=True, capture_output=True)
            self.users.add(username)
        return Chat(self.url, username, PASSWORD)

    def start(self, name: str) -> None:
        child = self.group.start(name, self._command(name), self.env, ROOT)
        self.group.wait_ready(child, self._ready_url(name), READY_SECONDS[name])
        self.running[name] = child

    def kill(self, name: str) -> None:
        """Stop one server at once, as a crash would (SIGKILL, no clean shutdown)."""
        child = self.running.pop(name)
        os.killpg(child.process.pid, signal.SIGKILL)
        child.process.wait()
        self.group.children.remove(child)

    def stop(self) -> None:
        self.group.stop()

    def _command(self, name: str) -> list[str]:
        port = self.ports[name]
        if name == "action-server":
            return rasa_project.action_server_command(port)
        if name == "rasa":
            return rasa_project.server_command(self.model, port, TOKEN, settings.endpoints_file())
        return [rasa_project.venv_bin("waitress-serve"), "--host=127.0.0.1", f"--port={port}",
                "--call", "web_widget:create_app"]

    def _ready_url(self, name: str) -> str:
        port = self.ports[name]
        return {"action-server": f"http://127.0.0.1:{port}/health",
                "rasa": f"http://127.0.0.1:{port}/status?token={TOKEN}",
                "web": f"http://127.0.0.1:{port}/healthz"}[name]
